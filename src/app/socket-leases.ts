import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { isRedisDown, type RedisClient } from "../lib/redis-connection.ts";

/** How long a lease lasts unless renewed: a crashed API's sockets stop counting after this (45 s). */
const DEFAULT_LEASE_MS = 45_000;

// One owner's leases: a sorted set of `<process>:<socket>` scored by expiry (Redis's clock, so every API process
// agrees). Expired leases are dropped, then one more is added while fewer than `max` remain. One key per script,
// so it runs on a Redis Cluster too.
const ACQUIRE = `
local key, leaseMs, max, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local time = redis.call("TIME")
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call("ZREMRANGEBYSCORE", key, "-inf", now)
if redis.call("ZCARD", key) >= max then return 0 end
redis.call("ZADD", key, now + leaseMs, member)
redis.call("PEXPIRE", key, leaseMs)
return 1
`;

// Renews a socket's lease (or puts it back, after Redis restarted empty: the socket is still open).
const RENEW = `
local key, leaseMs, member = KEYS[1], tonumber(ARGV[1]), ARGV[2]
local time = redis.call("TIME")
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call("ZADD", key, now + leaseMs, member)
redis.call("PEXPIRE", key, leaseMs)
return 1
`;

type Lease = { owner: string; key: string; member: string };

/**
 * Open WebSockets per owner (a user, or an address for anonymous operations) across every API process, in
 * Redis: `max` for the whole fleet, not `max` per process. Each socket holds a lease that its process renews
 * every third of the lease; a process that dies (SIGKILL, no close) leaves leases that expire within
 * `leaseMs`, so its users are never locked out for longer. Fails open when Redis is down (logged): the
 * per-process cap (SocketOwners) still bounds each process.
 */
export class SocketLeases<S> {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #max: number;
  readonly #leaseMs: number;
  readonly #log: Logger;
  readonly #process = randomUUID();
  readonly #held = new Map<S, Lease>();
  #sequence = 0;
  #renewal: NodeJS.Timeout | null = null;

  constructor(options: { redis: RedisClient; prefix: string; max: number; log: Logger; leaseMs?: number }) {
    this.#redis = options.redis;
    this.#prefix = options.prefix;
    this.#max = options.max;
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#log = options.log;
  }

  ownerOf(socket: S): string | undefined {
    return this.#held.get(socket)?.owner;
  }

  /** Leases `socket` to `owner` (giving up a lease it held for someone else); false when the owner is at the cap. */
  async acquire(socket: S, owner: string): Promise<boolean> {
    if (this.#held.get(socket)?.owner === owner) return true;
    this.release(socket);
    const lease = { owner, key: `${this.#prefix}:ws:sockets:${owner}`, member: `${this.#process}:${++this.#sequence}` };
    if (isRedisDown(this.#redis)) {
      this.#log.warn({ owner }, "shared socket cap skipped: Redis is down");
    } else {
      try {
        const granted = await this.#redis.eval(ACQUIRE, 1, lease.key, this.#leaseMs, this.#max, lease.member);
        if (granted !== 1) return false;
      } catch (error) {
        this.#log.warn({ err: error, owner }, "shared socket cap skipped: Redis failed");
      }
    }
    // Held even when Redis was skipped: the renewal puts it in once Redis is back.
    this.#held.set(socket, lease);
    this.#startRenewal();
    return true;
  }

  release(socket: S): void {
    const lease = this.#held.get(socket);
    if (!lease) return;
    this.#held.delete(socket);
    this.#redis.zrem(lease.key, lease.member).catch(() => {
      // Expires on its own within the lease.
    });
  }

  /** Stops renewing (the process is closing; its sockets have been closed and released). */
  stop(): void {
    if (this.#renewal) clearInterval(this.#renewal);
    this.#renewal = null;
  }

  /** Renews every lease this process holds now (the timer's work; tests call it directly). */
  async renew(): Promise<void> {
    if (this.#held.size === 0 || isRedisDown(this.#redis)) return;
    // One call per lease, not a pipeline: a Cluster pipeline must stay in one slot. ioredis sends them together.
    const renewals = [...this.#held.values()].map((lease) =>
      this.#redis.eval(RENEW, 1, lease.key, this.#leaseMs, lease.member),
    );
    const failed = (await Promise.allSettled(renewals)).filter((result) => result.status === "rejected").length;
    if (failed > 0) this.#log.warn({ failed }, "socket lease renewal failed");
  }

  #startRenewal(): void {
    if (this.#renewal) return;
    this.#renewal = setInterval(() => void this.renew(), this.#leaseMs / 3);
    this.#renewal.unref();
  }
}
