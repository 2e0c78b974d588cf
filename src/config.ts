import { z } from "zod";

const booleanFromString = z
  .enum(["true", "false", "1", "0"], { message: 'expected "true" or "false"' })
  .transform((value) => value === "true" || value === "1");

const positiveInt = z.coerce
  .number({ message: "expected a number" })
  .int("expected an integer")
  .positive("expected > 0");

const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgresql:// URL")
    .default("postgresql://postgres@127.0.0.1:5432/infra_dojo"),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "expected a redis:// URL")
    .default("redis://127.0.0.1:6379"),
  /** Namespaces every Redis key, queue and channel, so several deployments (or test files) can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "expected letters, digits, _ or -")
    .default("dojo"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TOKEN_TTL_HOURS: positiveInt.default(24 * 30),
  AUTH_RATE_LIMIT_PER_MINUTE: positiveInt.default(20),
  SUBMIT_RATE_LIMIT_PER_MINUTE: positiveInt.default(10),
  MAX_QUERY_DEPTH: positiveInt.default(10),
  MAX_QUERY_COST: positiveInt.default(5000),
  /** Aliased fields one request may run (each alias of a field runs its resolver again). */
  MAX_ALIASES: positiveInt.default(30),
  /** Lexical tokens one document may have; bounds every validation rule's work (some compare field pairs). */
  MAX_QUERY_TOKENS: positiveInt.default(5000),
  /** Requests per IP per minute from clients without a token (HTTP and WebSocket operations). */
  ANON_RATE_LIMIT_PER_MINUTE: positiveInt.default(300),
  MAX_BODY_BYTES: positiveInt.default(256 * 1024),
  /** Anonymous query responses are served from memory this long (0 turns the micro-cache off). */
  PUBLIC_CACHE_TTL_MS: z.coerce.number().int().min(0).default(2000),
  /** The most the micro-cache's stored responses may weigh together. */
  PUBLIC_CACHE_MAX_BYTES: positiveInt.default(32 * 1024 * 1024),
  TRUST_PROXY: booleanFromString.default(false),
  GRAPHQL_INTROSPECTION: booleanFromString.optional(),
  QUEUE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "expected letters, digits, _ or -")
    .default("grading"),
  GRADER_CONCURRENCY: positiveInt.default(2),
  GRADER_COUNT: z.coerce.number().int().min(0).default(1),
  SANDBOX: z.enum(["auto", "bwrap", "rlimit"]).default("auto"),
  SANDBOX_REQUIRE_BWRAP: booleanFromString.default(false),
  EXECUTOR_RECYCLE_AFTER: positiveInt.default(1000),
  /** Python submissions: the grader starts one warm Python process per slot (python3 and numpy required). */
  GRADER_PYTHON: booleanFromString.default(true),
  SWEEP_INTERVAL_MS: positiveInt.default(15_000),
  /** A job whose grader stops renewing its lock for this long is taken over by another grader. */
  GRADER_LOCK_MS: positiveInt.default(30_000),
  GRADER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** How often a grader checks that PostgreSQL and Redis answer; it takes jobs only while both do. */
  GRADER_HEALTH_CHECK_MS: positiveInt.default(2000),
  REVIEW_NEW_CARDS_PER_DAY: z.coerce.number().int().min(0).default(20),
});

export type Config = z.infer<typeof configSchema> & { introspection: boolean };

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates the environment once at start; a bad value names the variable and the expected form. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join(".");
      return `  ${name}=${JSON.stringify(env[name] ?? "")}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const config = parsed.data;
  return { ...config, introspection: config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== "production" };
}
