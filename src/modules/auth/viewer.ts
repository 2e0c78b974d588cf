import type { Db } from "../../db.ts";
import { UnauthenticatedError } from "../../lib/domain-errors.ts";
import type { AuthUser } from "./context.ts";
import { authenticateToken } from "./service.ts";

export type Viewer = { user: AuthUser | null; token: string | null };

/** Reads `Bearer <token>`; a missing header is anonymous, a bad or expired token is an error. */
export async function viewerFromAuthorization(db: Db, header: unknown): Promise<Viewer> {
  if (header === undefined || header === null || header === "") return { user: null, token: null };
  const match = typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  if (!match?.[1]) {
    throw new UnauthenticatedError({
      zh: "Authorization 的格式必须是 'Bearer <token>'。",
      en: "Authorization must be 'Bearer <token>'.",
    });
  }
  const token = match[1];
  const lookup = await authenticateToken(db, token);
  if (lookup.status !== "valid") {
    throw new UnauthenticatedError(
      lookup.status === "expired"
        ? { zh: "你的令牌已过期，请重新登录。", en: "Your token has expired; log in again." }
        : { zh: "令牌无效或已被撤销，请重新登录。", en: "Unknown or revoked token; log in again." },
    );
  }
  return { user: lookup.user, token };
}
