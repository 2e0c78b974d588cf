import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { type ErrorText, RateLimitedError } from "./domain-errors.ts";
import type { RedisClient } from "./redis-connection.ts";
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

// A weighted budget (GCRA, the generic cell rate algorithm): `capacity` units per `period`, spent by each hit's
// weight, refilled continuously, with a burst of one whole period. One key holds the "theoretical arrival time":
// when the budget would be full again. A hit that would push it more than a period ahead of now is refused (and
// costs nothing); the wait returned is when it would fit. O(1) per hit, whatever the weights, where a sliding log
// would store one member per unit. Redis's clock, so every API process agrees.
const WEIGHTED_BUDGET = `
local key, periodMs, capacity, weight = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local time = redis.call("TIME")
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local full = tonumber(redis.call("GET", key) or now)
if full < now then full = now end
local after = full + weight * periodMs / capacity
if after - periodMs > now then
  return { 0, math.ceil(after - periodMs - now) }
end
redis.call("SET", key, tostring(after), "PX", math.ceil(after - now) + 1)
return { 1, 0 }
`;

/**
 * Spends `weight` of a budget of `capacity` units per `periodSeconds` for `key` (a weight above the capacity is
 * charged as the capacity, so every hit can pass on a full budget); shared by every API process through Redis.
 */
export async function spendBudget(
  redis: RedisClient,
  key: string,
  capacity: number,
  periodSeconds: number,
  weight: number,
): Promise<RateLimitResult> {
  const charged = Math.max(0, Math.min(weight, capacity));
  const [allowed, waitMs] = (await redis.eval(WEIGHTED_BUDGET, 1, key, periodSeconds * 1000, capacity, charged)) as [
    number,
    number,
  ];
  if (allowed === 1) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** Allows at most `limit` hits in any `windowSeconds` for `key`; shared by every API process through Redis. */
export async function hitRateLimit(
  redis: RedisClient,
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
 * reads, request budgets): allows, and logs why, when Redis is down (at once, without waiting for a
 * reconnection) or the call fails.
 */
async function allowWhenRedisFails(
  redis: RedisClient,
  key: string,
  log: Logger,
  hit: () => Promise<RateLimitResult>,
): Promise<RateLimitResult> {
  if (isRedisDown(redis)) {
    log.warn({ key }, "rate limit skipped: RedisClient is down");
    return { allowed: true };
  }
  try {
    return await hit();
  } catch (error) {
    log.warn({ err: error, key }, "rate limit skipped: RedisClient failed");
    return { allowed: true };
  }
}

/** What a refusal says, given the seconds until the next call is allowed (the default names them too). */
type RefusalMessage = (retryAfterSeconds: number) => ErrorText;

/**
 * The limit as a service enforces it: a refused hit throws RateLimitedError. `failOpen`: a Redis outage
 * lets the hit through (logged, see allowWhenRedisFails) instead of failing the request.
 */
export async function enforceRateLimit(
  deps: { redis: RedisClient; log: Logger },
  key: string,
  limit: number,
  options: { windowSeconds: number; failOpen: boolean; message?: RefusalMessage },
): Promise<void> {
  const hit = () => hitRateLimit(deps.redis, key, limit, options.windowSeconds);
  const result = options.failOpen ? await allowWhenRedisFails(deps.redis, key, deps.log, hit) : await hit();
  if (!result.allowed) {
    throw new RateLimitedError(result.retryAfterSeconds, options.message?.(result.retryAfterSeconds));
  }
}

/** A weighted budget (spendBudget) as a service enforces it: a refusal throws RateLimitedError; fails open. */
export async function enforceBudget(
  deps: { redis: RedisClient; log: Logger },
  key: string,
  budget: { capacity: number; periodSeconds: number; weight: number; message?: RefusalMessage },
): Promise<void> {
  const result = await allowWhenRedisFails(deps.redis, key, deps.log, () =>
    spendBudget(deps.redis, key, budget.capacity, budget.periodSeconds, budget.weight),
  );
  if (!result.allowed) {
    throw new RateLimitedError(result.retryAfterSeconds, budget.message?.(result.retryAfterSeconds));
  }
}
