import type { Cluster, Redis } from "ioredis";

/** A connection to the platform's Redis: one server, or a Redis Cluster (REDIS_CLUSTER_NODES). */
export type RedisClient = Redis | Cluster;

// Clients whose connection closed and has not been ready since. While Redis is down ioredis cycles through
// reconnecting → connecting → close, and a command issued in any of those waits for two reconnection
// attempts (up to ~4 s with ioredis's backoff); callers that can do without Redis ask isRedisDown first.
const lostConnection = new WeakSet<RedisClient>();

/** Makes isRedisDown know this client's connection state (createRedis does it for every client it makes). */
export function trackConnection<T extends RedisClient>(redis: T): T {
  redis.on("close", () => lostConnection.add(redis));
  redis.on("ready", () => lostConnection.delete(redis));
  return redis;
}

/**
 * True while this client has no connection to Redis: it lost it (or never got one) and is retrying. Before
 * its first connection attempt ends a command simply waits in ioredis's queue (a process starting beside Redis).
 */
export function isRedisDown(redis: RedisClient): boolean {
  return lostConnection.has(redis) || redis.status === "reconnecting" || redis.status === "end";
}
