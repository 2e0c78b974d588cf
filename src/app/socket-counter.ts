/**
 * Open WebSocket connections per owner (a user, or an IP address for anonymous sockets) in this API
 * process: this process's own bound, kept without Redis. SocketLeases (socket-leases.ts) holds the same cap
 * for the whole fleet of API processes in Redis; this one still bounds a process while Redis is down.
 */
export class SocketCounter {
  readonly #max: number;
  readonly #open = new Map<string, number>();

  constructor(max: number) {
    this.#max = max;
  }

  /** Counts one more socket for `owner`; false (nothing counted) when the owner is at the cap. */
  acquire(owner: string): boolean {
    const open = this.#open.get(owner) ?? 0;
    if (open >= this.#max) return false;
    this.#open.set(owner, open + 1);
    return true;
  }

  release(owner: string): void {
    const open = this.#open.get(owner) ?? 0;
    if (open <= 1) this.#open.delete(owner);
    else this.#open.set(owner, open - 1);
  }
}
