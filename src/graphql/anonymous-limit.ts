import { hitRateLimitOrAllow } from "../lib/rate-limit.ts";
import type { AppServices } from "./context.ts";
import { rateLimitedRequest } from "./errors.ts";

/**
 * Clients without a token are limited per IP (ANON_RATE_LIMIT_PER_MINUTE), every request counted, cached
 * or not: the cost limits bound one request, this bounds how many. Signed-in clients have per-user limits
 * on what is expensive (submissions). Fails open when Redis is down.
 */
export async function limitAnonymousRequest(services: AppServices, ip: string): Promise<void> {
  const { config } = services;
  const result = await hitRateLimitOrAllow(
    services.redis,
    `${config.REDIS_PREFIX}:ratelimit:anonymous:${ip}`,
    config.ANON_RATE_LIMIT_PER_MINUTE,
    60,
    services.log,
  );
  if (!result.allowed) throw rateLimitedRequest(result.retryAfterSeconds);
}
