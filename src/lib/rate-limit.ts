import type { Redis } from "ioredis";

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// INCR + PEXPIRE on the first hit of a window, atomically: a fixed window per key.
const FIXED_WINDOW = `
local count = redis.call("INCR", KEYS[1])
if count == 1 then redis.call("PEXPIRE", KEYS[1], ARGV[1]) end
local ttl = redis.call("PTTL", KEYS[1])
return { count, ttl }
`;

/** Allows `limit` hits per `windowSeconds` for `key`; shared by every API process through Redis. */
export async function hitRateLimit(
  redis: Redis,
  /** Fully namespaced key, e.g. `${REDIS_PREFIX}:ratelimit:logIn:<ip>`. */
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<RateLimitResult> {
  const [count, ttlMs] = (await redis.eval(FIXED_WINDOW, 1, key, windowSeconds * 1000)) as [number, number];
  if (count <= limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
}
