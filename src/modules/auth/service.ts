import { createHash, randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { z } from "zod";
import type { Config } from "../../config.ts";
import { type Db, queryRows } from "../../db.ts";
import type { AuthToken, User } from "../../generated/prisma/client.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { BadUserInputError, NotFoundError, parseInput, UnauthenticatedError } from "../../lib/domain-errors.ts";
import { bilingualIssue } from "../../lib/input-messages.ts";
import type { Locale } from "../../lib/locale.ts";
import { enforceRateLimit } from "../../lib/rate-limit.ts";
import type { RedisClient } from "../../lib/redis-connection.ts";
import { canonicalTimeZone } from "../../lib/timezone.ts";
import type { AuthUser } from "./context.ts";
import { handleProblem, normalizeHandle } from "./handle.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

/** Validated and stored in its standard spelling ("asia/shanghai" → "Asia/Shanghai"). */
export const timeZoneSchema = z.string().transform((zone, ctx) => {
  const canonical = canonicalTimeZone(zone);
  if (!canonical) ctx.addIssue({ code: "custom", message: "must be an IANA time zone such as Asia/Shanghai" });
  return canonical ?? zone;
});

/**
 * The one spelling of an email: NFKC (full-width "ａｌｉｃｅ" is "alice"), trimmed, lower-cased. Handles are
 * NFKC and trimmed but keep their case; the database refuses two that differ only in case (handle.ts).
 */
export function normalizeEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

export const signUpSchema = z.object({
  // RFC 5321: a mailbox of at most 254 characters, its local part at most 64 (a 255-character one was accepted).
  email: z
    .string()
    .transform(normalizeEmail)
    .pipe(
      z
        .string()
        .max(254, "must be at most 254 characters")
        .refine((email) => (email.split("@")[0]?.length ?? 0) <= 64, "its part before @ must be at most 64 characters")
        .pipe(z.email("must be a valid email address")),
    ),
  handle: z
    .string()
    .transform(normalizeHandle)
    .superRefine((handle, ctx) => {
      const problem = handleProblem(handle);
      if (problem) ctx.addIssue({ code: "custom", ...bilingualIssue(problem) });
    }),
  password: z.string().min(8, "must be at least 8 characters").max(200, "must be at most 200 characters"),
  timeZone: timeZoneSchema.optional(),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const logInSchema = z.object({
  email: z.string().transform(normalizeEmail).pipe(z.string().min(1, "is required")),
  password: z.string().min(1, "is required").max(200),
});
export type LogInInput = z.infer<typeof logInSchema>;

export type Session = { token: string; user: User };

/** What sign-up and log-in need: the database, and Redis for the per-IP limit. */
export type AuthDeps = {
  db: Db;
  redis: RedisClient;
  log: Logger;
  config: Pick<Config, "REDIS_PREFIX" | "AUTH_RATE_LIMIT_PER_MINUTE" | "TOKEN_TTL_HOURS">;
};

/**
 * Per client IP and action, so guessing passwords or mass-creating accounts from one address is slowed down.
 * Fails open: a Redis outage must not lock every learner out (the skip is logged).
 */
async function limitByIp(deps: AuthDeps, action: "signUp" | "logIn", ip: string): Promise<void> {
  const key = `${deps.config.REDIS_PREFIX}:ratelimit:${action}:${ip}`;
  await enforceRateLimit(deps, key, deps.config.AUTH_RATE_LIMIT_PER_MINUTE, { windowSeconds: 60, failOpen: true });
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function toAuthUser(
  user: Pick<User, "id" | "handle" | "email" | "role" | "timeZone" | "preferredLocale">,
): AuthUser {
  return {
    id: user.id,
    handle: user.handle,
    email: user.email,
    role: user.role,
    timeZone: user.timeZone,
    preferredLocale: user.preferredLocale,
  };
}

async function issueToken(db: Db, userId: string, ttlHours: number): Promise<string> {
  // The token is only ever shown once; the database keeps its hash.
  const token = randomBytes(32).toString("base64url");
  await db.authToken.create({
    data: { userId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + ttlHours * 3_600_000) },
  });
  return token;
}

/** Creates the account and its first token, without the per-IP limit (the API's sign-up and bulk set-ups). */
export async function createAccount(db: Db, input: SignUpInput, ttlHours: number): Promise<Session> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: { email: input.email, handle: input.handle, passwordHash, timeZone: input.timeZone ?? "UTC" },
    });
    return { token: await issueToken(db, user.id, ttlHours), user };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const target = JSON.stringify(error.meta ?? {});
      const field = target.includes("handle") ? "handle" : "email";
      const zh = field === "handle" ? "用户名已被占用" : "电子邮件已被注册";
      throw new BadUserInputError([{ field: `input.${field}`, message: { zh, en: `${field} is already taken` } }]);
    }
    throw error;
  }
}

/** The API's sign-up: limited per IP, then validated (`input` is the GraphQL argument). */
export async function signUp(deps: AuthDeps, input: unknown, ip: string): Promise<Session> {
  await limitByIp(deps, "signUp", ip);
  return createAccount(deps.db, parseInput(signUpSchema, input, "input"), deps.config.TOKEN_TTL_HOURS);
}

export async function logIn(deps: AuthDeps, rawInput: unknown, ip: string): Promise<Session> {
  await limitByIp(deps, "logIn", ip);
  const input: LogInInput = parseInput(logInSchema, rawInput, "input");
  const user = await deps.db.user.findUnique({ where: { email: input.email } });
  // Verify against a dummy hash when the user is unknown so timing does not reveal which emails exist.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new UnauthenticatedError({ zh: "电子邮件或密码错误。", en: "Wrong email or password." });
  return { token: await issueToken(deps.db, user.id, deps.config.TOKEN_TTL_HOURS), user };
}

export async function setPreferredLocale(db: Db, userId: string, locale: Locale): Promise<User> {
  return db.user.update({ where: { id: userId }, data: { preferredLocale: locale } });
}

export async function findUser(db: Db, id: string): Promise<User | null> {
  return db.user.findUnique({ where: { id } });
}

const DUMMY_HASH = await hashPassword(randomBytes(16).toString("hex"));

export type TokenLookup = { status: "valid"; user: AuthUser } | { status: "invalid" | "expired" };

type TokenRow = Pick<AuthToken, "expiresAt" | "revokedAt"> &
  Pick<User, "id" | "handle" | "email" | "role" | "timeZone" | "preferredLocale">;

/** Every signed-in request starts with this statement: the token by its hash, and its user. */
export function tokenLookupSql(tokenHash: string): Prisma.Sql {
  return Prisma.sql`SELECT t."expiresAt", t."revokedAt", u.id, u.handle, u.email, u.role::text AS role, u."timeZone",
      u."preferredLocale"::text AS "preferredLocale"
    FROM "AuthToken" t JOIN "User" u ON u.id = t."userId" WHERE t."tokenHash" = ${tokenHash}`;
}

export async function authenticateToken(db: Db, token: string): Promise<TokenLookup> {
  const [row] = await queryRows<TokenRow>(db, tokenLookupSql(hashToken(token)));
  if (!row || row.revokedAt) return { status: "invalid" };
  if (row.expiresAt.getTime() <= Date.now()) return { status: "expired" };
  return { status: "valid", user: toAuthUser(row) };
}

export async function revokeToken(db: Db, token: string): Promise<boolean> {
  const { count } = await db.authToken.updateMany({
    where: { tokenHash: hashToken(token), revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count > 0;
}

/** Makes an existing account an admin (the documented way to create the first admin). */
export async function setRole(db: Db, email: string, role: "LEARNER" | "ADMIN"): Promise<User> {
  const user = await db.user.findUnique({ where: { email: normalizeEmail(email) } });
  if (!user) throw new NotFoundError(`No user with email ${email}`);
  return db.user.update({ where: { id: user.id }, data: { role } });
}
