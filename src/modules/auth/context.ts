import type { RequestContext } from "../../graphql/context.ts";
import { ForbiddenError, UnauthenticatedError } from "../../lib/domain-errors.ts";
import type { Locale } from "../../lib/locale.ts";

/** The signed-in requester, as every module sees them. */
export type AuthUser = {
  id: string;
  handle: string;
  email: string;
  role: "LEARNER" | "ADMIN";
  timeZone: string;
  /** The language the user chose (setPreferredLocale); null: not chosen, the request's Accept-Language decides. */
  preferredLocale: Locale | null;
};

/** A GraphQL request's context with the auth module's requester; modules needing more services extend it. */
export type Context = RequestContext<AuthUser>;

export function requireUser(ctx: { user: AuthUser | null }): AuthUser {
  if (!ctx.user) throw new UnauthenticatedError();
  return ctx.user;
}

export function requireAdmin(ctx: { user: AuthUser | null }): AuthUser {
  const user = requireUser(ctx);
  if (user.role !== "ADMIN")
    throw new ForbiddenError({ zh: "只有管理员可以执行此操作。", en: "Only admins can do this." });
  return user;
}
