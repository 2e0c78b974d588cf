import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { RateLimitedError } from "./domain-errors.ts";
import { isRedisDown } from "./redis-connection.ts";

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// A sliding log: the times of the allowed hits of the last window, in a sorted set. A hit is allowed while
// fewer than `limit` remain, so no window of that length ever holds more (a fixed window lets a burst at its
// edge through twice). Refused hits are not logged: hammering does not extend a lockout. Redis's clock is
// used, so every API process agrees. Returns { allowed, ms until the oldest logged hit leaves the window }.
const SLIDING_LOG = `
local key, windowMs, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local time = redis.call("TIME")
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call("ZREMRANGEBYSCORE", key, "-inf", now - windowMs)
if redis.call("ZCARD", key) < limit then
  redis.call("ZADD", key, now, member)
  redis.call("PEXPIRE", key, windowMs)
  return { 1, 0 }
end
local oldest = redis.call("ZRANGE", key, 0, 0, "WITHSCORES")
return { 0, tonumber(oldest[2]) + windowMs - now }
`;

/** Allows at most `limit` hits in any `windowSeconds` for `key`; shared by every API process through Redis. */
export async function hitRateLimit(
  redis: Redis,
  /** Fully namespaced key, e.g. `${REDIS_PREFIX}:ratelimit:logIn:<ip>`. */
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<RateLimitResult> {
  const [allowed, waitMs] = (await redis.eval(SLIDING_LOG, 1, key, windowSeconds * 1000, limit, randomUUID())) as [
    number,
    number,
  ];
  if (allowed === 1) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/**
 * For limits that must not turn a Redis outage into refused requests (sign-in, submissions, anonymous
 * reads): allows, and logs why, when Redis is down (at once, without waiting for a reconnection) or the
 * call fails.
 */
async function hitRateLimitOrAllow(
  redis: Redis,
  key: string,
  limit: number,
  windowSeconds: number,
  log: Logger,
): Promise<RateLimitResult> {
  if (isRedisDown(redis)) {
    log.warn({ key }, "rate limit skipped: Redis is down");
    return { allowed: true };
  }
  try {
    return await hitRateLimit(redis, key, limit, windowSeconds);
  } catch (error) {
    log.warn({ err: error, key }, "rate limit skipped: Redis failed");
    return { allowed: true };
  }
}

/**
 * The limit as a service enforces it: a refused hit throws RateLimitedError. `failOpen`: a Redis outage
 * lets the hit through (logged, see hitRateLimitOrAllow) instead of failing the request.
 */
export async function enforceRateLimit(
  deps: { redis: Redis; log: Logger },
  key: string,
  limit: number,
  options: {
    windowSeconds: number;
    failOpen: boolean;
    /** What the refusal says, given the seconds until the next call is allowed (the default names them too). */
    message?: (retryAfterSeconds: number) => string;
  },
): Promise<void> {
  const result = options.failOpen
    ? await hitRateLimitOrAllow(deps.redis, key, limit, options.windowSeconds, deps.log)
    : await hitRateLimit(deps.redis, key, limit, options.windowSeconds);
  if (!result.allowed) {
    throw new RateLimitedError(result.retryAfterSeconds, options.message?.(result.retryAfterSeconds));
  }
}
