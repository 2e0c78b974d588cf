import { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { hitRateLimitOrAllow } from "../lib/rate-limit.ts";

export type AnonymousLimitDeps = {
  config: Pick<Config, "REDIS_PREFIX" | "ANON_RATE_LIMIT_PER_MINUTE">;
  redis: Redis;
  log: Logger;
};

/**
 * Clients without a token are limited per IP (ANON_RATE_LIMIT_PER_MINUTE), every request counted, cached
 * or not: the cost limits bound one request, this bounds how many. Signed-in clients have per-user limits
 * on what is expensive (submissions). Fails open when Redis is down. Called while the request's context
 * is built, so the refusal carries its HTTP status (429, Retry-After) instead of becoming a 500.
 */
export async function limitAnonymousRequest(deps: AnonymousLimitDeps, ip: string): Promise<void> {
  const result = await hitRateLimitOrAllow(
    deps.redis,
    `${deps.config.REDIS_PREFIX}:ratelimit:anonymous:${ip}`,
    deps.config.ANON_RATE_LIMIT_PER_MINUTE,
    60,
    deps.log,
  );
  if (result.allowed) return;
  const retryAfterSeconds = result.retryAfterSeconds;
  throw new GraphQLError(`Too many requests; retry in ${retryAfterSeconds} s.`, {
    extensions: {
      code: "RATE_LIMITED",
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]) },
    },
  });
}
