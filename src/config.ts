import { z } from "zod";

const booleanFromString = z
  .enum(["true", "false", "1", "0"], { message: 'expected "true" or "false"' })
  .transform((value) => value === "true" || value === "1");

/** A browser origin: scheme, host and optional port, nothing after it. */
const ORIGIN = /^https?:\/\/[^/?#\s]+$/;

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
  MAX_BODY_BYTES: positiveInt.default(256 * 1024),
  /** Anonymous query responses are served from memory this long (0 turns the micro-cache off). */
  PUBLIC_CACHE_TTL_MS: z.coerce.number().int().min(0).default(2000),
  TRUST_PROXY: booleanFromString.default(false),
  GRAPHQL_INTROSPECTION: booleanFromString.optional(),
  /** GraphiQL at GET /graphql in a browser; defaults to the introspection setting (it needs the schema). */
  GRAPHQL_EXPLORER: booleanFromString.optional(),
  /** Browser origins allowed to call the API, comma-separated; unset: any localhost origin outside production. */
  CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(ORIGIN, 'expected origins like "https://app.example.com", comma-separated')))
    .optional(),
  /** Accept only the operations of the committed manifest (persisted-query-manifest.json). */
  TRUSTED_DOCUMENTS_ONLY: booleanFromString.default(false),
  QUEUE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "expected letters, digits, _ or -")
    .default("grading"),
  GRADER_CONCURRENCY: positiveInt.default(2),
  GRADER_COUNT: z.coerce.number().int().min(0).default(1),
  SANDBOX: z.enum(["auto", "bwrap", "rlimit"]).default("auto"),
  SANDBOX_REQUIRE_BWRAP: booleanFromString.default(false),
  EXECUTOR_RECYCLE_AFTER: positiveInt.default(1000),
  SWEEP_INTERVAL_MS: positiveInt.default(15_000),
  /** A job whose grader stops renewing its lock for this long is taken over by another grader. */
  GRADER_LOCK_MS: positiveInt.default(30_000),
  GRADER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  REVIEW_NEW_CARDS_PER_DAY: z.coerce.number().int().min(0).default(20),
});

/** Every variable the platform reads (`.env.example` documents each; a test keeps them in step). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(configSchema.shape);

export type Config = z.infer<typeof configSchema> & { introspection: boolean; explorer: boolean };

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
  const introspection = config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== "production";
  return { ...config, introspection, explorer: config.GRAPHQL_EXPLORER ?? introspection };
}
