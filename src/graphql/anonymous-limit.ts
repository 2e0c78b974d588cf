import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { enforceRateLimit } from "../lib/rate-limit.ts";
import type { RedisClient } from "../lib/redis-connection.ts";

export type AnonymousLimitDeps = {
  config: Pick<Config, "REDIS_PREFIX" | "ANON_RATE_LIMIT_PER_MINUTE">;
  redis: RedisClient;
  log: Logger;
};

/**
 * Clients without a token are limited per IP (ANON_RATE_LIMIT_PER_MINUTE), every request counted, cached
 * or not: the cost limits bound one request, this bounds how many. Signed-in clients have a per-user cost
 * budget instead (user-budget.ts), and per-user limits on what is expensive (submissions). Fails open when Redis is down. Called while the request's context
 * is built: the RateLimitedError it throws becomes HTTP 429 with Retry-After there (requestError).
 */
export async function limitAnonymousRequest(deps: AnonymousLimitDeps, ip: string): Promise<void> {
  const key = `${deps.config.REDIS_PREFIX}:ratelimit:anonymous:${ip}`;
  await enforceRateLimit(deps, key, deps.config.ANON_RATE_LIMIT_PER_MINUTE, { windowSeconds: 60, failOpen: true });
}
