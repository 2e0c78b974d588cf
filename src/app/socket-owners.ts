import { SocketCounter } from "./socket-counter.ts";

/** Why an operation may not run as its identity on a socket. */
export type ClaimRefusal = "cap" | "taken";

export type SocketOwnersOptions<S> = {
  /** Sockets one identity (a user, or an address for anonymous operations) may hold. */
  maxPerOwner: number;
  /** Sockets one address may hold open before their first operation; a new one evicts the oldest. */
  maxWaitingPerAddress: number;
  /** How long a socket may stay open without an operation. */
  waitingMs: number;
  /** Closes a socket that waited too long, or was evicted by a newer one from its address. */
  evict(socket: S, reason: string): void;
};

/**
 * Whose socket is whose, in this API process (the fleet-wide count is SocketLeases', in Redis). A socket opened
 * with a token belongs to that user at once. An anonymous socket (the explorer's: it sends the bearer header per
 * operation) belongs to nobody until its first operation, and then to the identity that operation runs as: the
 * user of its bearer header, or the client's address. So sockets (and the operations on them) are counted against whoever runs them, one anonymous socket
 * cannot run as several users at once, and anonymous sockets of one address cannot lock its signed-in users out.
 * Sockets waiting for their first operation hold no count; at most `maxWaitingPerAddress` wait per address
 * (oldest evicted first), each for at most `waitingMs`.
 */
export class SocketOwners<S> {
  readonly #options: SocketOwnersOptions<S>;
  readonly #counter: SocketCounter;
  readonly #owners = new Map<S, string>();
  readonly #waiting = new Map<string, Map<S, NodeJS.Timeout>>();
  readonly #waitingAddress = new Map<S, string>();

  constructor(options: SocketOwnersOptions<S>) {
    this.#options = options;
    this.#counter = new SocketCounter(options.maxPerOwner);
  }

  /** A socket opened with credentials; false (nothing counted) when its user is at the cap. */
  openAs(socket: S, owner: string): boolean {
    if (!this.#counter.acquire(owner)) return false;
    this.#owners.set(socket, owner);
    return true;
  }

  /** An anonymous socket: it waits for its first operation. */
  openWaiting(socket: S, address: string): void {
    let queue = this.#waiting.get(address);
    if (!queue) {
      queue = new Map();
      this.#waiting.set(address, queue);
    }
    if (queue.size >= this.#options.maxWaitingPerAddress) {
      const [oldest] = queue.keys();
      if (oldest !== undefined) {
        this.#stopWaiting(oldest);
        this.#options.evict(oldest, "Too many sockets from your address without an operation; reconnect to run one.");
      }
    }
    const timer = setTimeout(() => {
      this.#stopWaiting(socket);
      this.#options.evict(socket, `No operation within ${this.#options.waitingMs / 1000} s; connect when you run one.`);
    }, this.#options.waitingMs);
    timer.unref();
    queue.set(socket, timer);
    this.#waitingAddress.set(socket, address);
  }

  ownerOf(socket: S): string | undefined {
    return this.#owners.get(socket);
  }

  /**
   * Lets an operation run on `socket` as `identity`. A waiting socket becomes the identity's (unless it is at its
   * cap); a socket of another identity changes hands only when nothing else runs on it (`alone`), e.g. the explorer
   * after its Headers tab switched users.
   */
  claim(socket: S, identity: string, alone: boolean): ClaimRefusal | null {
    const current = this.#owners.get(socket);
    if (current === identity) return null;
    if (current !== undefined && !alone) return "taken";
    if (!this.#counter.acquire(identity)) return "cap";
    if (current !== undefined) this.#counter.release(current);
    this.#stopWaiting(socket);
    this.#owners.set(socket, identity);
    return null;
  }

  close(socket: S): void {
    this.#stopWaiting(socket);
    const owner = this.#owners.get(socket);
    if (owner === undefined) return;
    this.#owners.delete(socket);
    this.#counter.release(owner);
  }

  #stopWaiting(socket: S): void {
    const address = this.#waitingAddress.get(socket);
    if (address === undefined) return;
    this.#waitingAddress.delete(socket);
    const queue = this.#waiting.get(address);
    clearTimeout(queue?.get(socket));
    queue?.delete(socket);
    if (queue?.size === 0) this.#waiting.delete(address);
  }
}
