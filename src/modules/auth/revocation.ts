import type { Logger } from "pino";
import type { RedisClient } from "../../lib/redis-connection.ts";
import { hashToken } from "./service.ts";

/**
 * The Redis channel on which a token's revocation (logOut) is announced, so every API process ends the live
 * operations (subscriptions) running under it at once. Named by the token's SHA-256, never by the token.
 */
export function revokedTokenChannel(prefix: string, token: string): string {
  return `${prefix}:token-revoked:${hashToken(token)}`;
}

/** Announces a revocation; best effort (a live subscription also re-checks its token on its next event). */
export async function announceRevocation(deps: { redis: RedisClient; log: Logger }, prefix: string, token: string) {
  await deps.redis
    .publish(revokedTokenChannel(prefix, token), "{}")
    .catch((error: unknown) => deps.log.warn({ err: error }, "could not announce a token revocation"));
}
