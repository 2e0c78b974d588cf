import type { Resolvers } from "../../generated/graphql.ts";
import type { User } from "../../generated/prisma/client.ts";
import { DEFAULT_LOCALE, type Locale } from "../../lib/locale.ts";
import { type Context, requireUser } from "./context.ts";
import { announceRevocation } from "./revocation.ts";
import { findUser, logIn, revokeToken, type Session, setPreferredLocale, signUp, toAuthUser } from "./service.ts";

/** The requester now holds this session: later fields of the same response (User.email) see them as signed in. */
function adoptSession(ctx: Context, session: Session): Session {
  ctx.user = toAuthUser(session.user);
  ctx.token = session.token;
  ctx.locale = ctx.user.preferredLocale ?? ctx.acceptLanguageLocale ?? DEFAULT_LOCALE;
  return session;
}

export const resolvers: Resolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: Context) => (ctx.user ? findUser(ctx.db, ctx.user.id) : null),
  },
  Mutation: {
    signUp: async (_: unknown, args: { input: unknown }, ctx: Context) =>
      adoptSession(ctx, await signUp(ctx, args.input, ctx.ip)),
    logIn: async (_: unknown, args: { input: unknown }, ctx: Context) =>
      adoptSession(ctx, await logIn(ctx, args.input, ctx.ip)),
    logOut: async (_: unknown, __: unknown, ctx: Context) => {
      requireUser(ctx);
      if (!ctx.token) return false;
      const revoked = await revokeToken(ctx.db, ctx.token);
      // Subscriptions running under the token end now, on every API process.
      await announceRevocation(ctx, ctx.config.REDIS_PREFIX, ctx.token);
      return revoked;
    },
    setPreferredLocale: async (_: unknown, args: { locale: Locale }, ctx: Context) => {
      const user = await setPreferredLocale(ctx.db, requireUser(ctx).id, args.locale);
      // Later fields of this response already read the new language.
      ctx.user = toAuthUser(user);
      ctx.locale = args.locale;
      return user;
    },
  },
  User: {
    email: (user: User, _: unknown, ctx: Context) =>
      ctx.user && (ctx.user.id === user.id || ctx.user.role === "ADMIN") ? user.email : null,
    preferredLocale: (user: User, _: unknown, ctx: Context) => (ctx.user?.id === user.id ? user.preferredLocale : null),
  },
};
