import { authenticateToken } from "../modules/auth/service.ts";
import type { AppServices, AuthUser } from "./context.ts";
import { unauthenticatedRequest } from "./errors.ts";

export type Viewer = { user: AuthUser | null; token: string | null };

/** Reads `Bearer <token>`; a missing header is anonymous, a bad or expired token is an error. */
export async function viewerFromAuthorization(services: AppServices, header: unknown): Promise<Viewer> {
  if (header === undefined || header === null || header === "") return { user: null, token: null };
  const match = typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  if (!match?.[1]) throw unauthenticatedRequest("Authorization must be 'Bearer <token>'.");
  const token = match[1];
  const lookup = await authenticateToken(services.db, token);
  if (lookup.status !== "valid") {
    throw unauthenticatedRequest(
      lookup.status === "expired" ? "Your token has expired; log in again." : "Unknown or revoked token; log in again.",
    );
  }
  return { user: lookup.user, token };
}
