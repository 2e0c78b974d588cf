import type { User } from "../../generated/prisma/client.ts";
import { type Context, requireUser } from "../../graphql/context.ts";
import { badUserInput, parseInput, rateLimited, unauthenticated } from "../../graphql/errors.ts";
import { hitRateLimitOrAllow } from "../../lib/rate-limit.ts";
import {
  DuplicateAccountError,
  InvalidCredentialsError,
  logIn,
  logInSchema,
  revokeToken,
  type Session,
  signUp,
  signUpSchema,
  toAuthUser,
} from "./service.ts";

/** The requester now holds this session: later fields of the same response (User.email) see them as signed in. */
function adoptSession(ctx: Context, session: Session): Session {
  ctx.user = toAuthUser(session.user);
  ctx.token = session.token;
  return session;
}

async function limitByIp(ctx: Context, action: string): Promise<void> {
  const result = await hitRateLimitOrAllow(
    ctx.redis,
    `${ctx.config.REDIS_PREFIX}:ratelimit:${action}:${ctx.ip}`,
    ctx.config.AUTH_RATE_LIMIT_PER_MINUTE,
    60,
    ctx.log,
  );
  if (!result.allowed) throw rateLimited(result.retryAfterSeconds);
}

export const resolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: Context) =>
      ctx.user ? ctx.db.user.findUnique({ where: { id: ctx.user.id } }) : null,
  },
  Mutation: {
    signUp: async (_: unknown, args: { input: unknown }, ctx: Context) => {
      await limitByIp(ctx, "signUp");
      const input = parseInput(signUpSchema, args.input);
      try {
        return adoptSession(ctx, await signUp(ctx.db, input, ctx.config.TOKEN_TTL_HOURS));
      } catch (error) {
        if (error instanceof DuplicateAccountError) {
          throw badUserInput([{ field: `input.${error.field}`, message: error.message }]);
        }
        throw error;
      }
    },
    logIn: async (_: unknown, args: { input: unknown }, ctx: Context) => {
      await limitByIp(ctx, "logIn");
      const input = parseInput(logInSchema, args.input);
      try {
        return adoptSession(ctx, await logIn(ctx.db, input, ctx.config.TOKEN_TTL_HOURS));
      } catch (error) {
        if (error instanceof InvalidCredentialsError) throw unauthenticated(error.message);
        throw error;
      }
    },
    logOut: async (_: unknown, __: unknown, ctx: Context) => {
      requireUser(ctx);
      return ctx.token ? revokeToken(ctx.db, ctx.token) : false;
    },
  },
  User: {
    email: (user: User, _: unknown, ctx: Context) =>
      ctx.user && (ctx.user.id === user.id || ctx.user.role === "ADMIN") ? user.email : null,
  },
};
