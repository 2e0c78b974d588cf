import proxyAddr from "proxy-addr";
import { z } from "zod";

const booleanFromString = z
  .enum(["true", "false", "1", "0"], { message: 'expected "true" or "false"' })
  .transform((value) => value === "true" || value === "1");

/** A browser origin: scheme, host and optional port, nothing after it. */
const ORIGIN = /^https?:\/\/[^/?#\s]+$/;

/**
 * TRUST_PROXY: `false` (the default: X-Forwarded-For is ignored), the number of proxies in front of the API
 * (`1` behind one load balancer), or their addresses as comma-separated CIDR ranges or proxy-addr's names
 * (`loopback`, `linklocal`, `uniquelocal`). `true` is refused: trusting every hop lets each client write its
 * own address into the header and pass every per-address limit.
 */
export type TrustProxy = false | number | string[];

const trustProxy = z.string().transform((value, ctx): TrustProxy => {
  const text = value.trim();
  if (text === "false" || text === "0" || text === "") return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === "true") {
    ctx.addIssue({
      code: "custom",
      message:
        "trusting every hop lets a client choose its own address; give the number of proxies in front of the API (e.g. 1) or their CIDR ranges (e.g. 10.0.0.0/8,127.0.0.1)",
    });
    return z.NEVER;
  }
  const ranges = text
    .split(",")
    .map((range) => range.trim())
    .filter(Boolean);
  try {
    proxyAddr.compile(ranges);
  } catch (error) {
    ctx.addIssue({
      code: "custom",
      message: `expected false, a number of proxies, or comma-separated CIDR ranges (${(error as Error).message})`,
    });
    return z.NEVER;
  }
  return ranges;
});

/**
 * REDIS_CLUSTER_NODES: a Redis Cluster instead of the one server of REDIS_URL — comma-separated seed nodes, each
 * `host:port` or `redis://[user:password@]host:port` (`rediss://` for TLS); the client finds the other nodes
 * itself. Credentials and TLS, when given, are the first URL's and apply to every node.
 */
export type RedisClusterNodes = {
  nodes: { host: string; port: number }[];
  username?: string;
  password?: string;
  tls: boolean;
};

const redisClusterNodes = z.string().transform((value, ctx): RedisClusterNodes | undefined => {
  const items = value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) return undefined;
  const cluster: RedisClusterNodes = { nodes: [], tls: false };
  for (const item of items) {
    let url: URL;
    try {
      url = new URL(item.includes("://") ? item : `redis://${item}`);
    } catch {
      url = new URL("invalid:");
    }
    const port = Number(url.port || "6379");
    if (!["redis:", "rediss:"].includes(url.protocol) || url.hostname === "" || !Number.isInteger(port)) {
      ctx.addIssue({ code: "custom", message: `expected host:port or redis://host:port, got "${item}"` });
      return z.NEVER;
    }
    cluster.nodes.push({ host: url.hostname, port });
    if (cluster.password === undefined && url.password !== "") {
      cluster.username = url.username ? decodeURIComponent(url.username) : undefined;
      cluster.password = decodeURIComponent(url.password);
    }
    cluster.tls ||= url.protocol === "rediss:";
  }
  return cluster;
});

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
  /**
   * Postgres itself, for `prisma migrate deploy` (read by prisma.config.ts) when DATABASE_URL is PgBouncer in
   * transaction mode; the processes never connect to it, but `npm run setup` checks its form here.
   */
  DATABASE_DIRECT_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|$)/, "expected a postgresql:// URL")
    .optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  /**
   * The longest one statement may run (ms; 0: no limit), so a slow query cannot hold a pooled connection for
   * good. The hot reads take under 50 ms, so 10 s only ends a runaway. Sent as a startup parameter; behind
   * PgBouncer set it on the role instead (src/db.ts: statementTimeoutOptions, docs/operations.md).
   */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "expected a redis:// URL")
    .default("redis://127.0.0.1:6379"),
  /** Set: Redis is a cluster of these seed nodes, and REDIS_URL is not used (see redisClusterNodes above). */
  REDIS_CLUSTER_NODES: redisClusterNodes.optional(),
  /**
   * Namespaces every Redis key, queue and channel, so several deployments (or test files) can share one Redis.
   * On a cluster the queue's keys are prefixed `{REDIS_PREFIX}`, a hash tag (src/redis.ts: queuePrefix).
   */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "expected letters, digits, _ or -")
    .default("dojo"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TOKEN_TTL_HOURS: positiveInt.default(24 * 30),
  AUTH_RATE_LIMIT_PER_MINUTE: positiveInt.default(20),
  /** submitSolution calls per user per minute (full gradings: every hidden and performance test). */
  SUBMIT_RATE_LIMIT_PER_MINUTE: positiveInt.default(10),
  /**
   * runSamples calls per user per minute, a budget of their own: print-debugging on the samples must not use up
   * the submissions (a normal session hit the shared 10/minute five times), and a sample run is cheap.
   */
  SAMPLE_RATE_LIMIT_PER_MINUTE: positiveInt.default(30),
  MAX_QUERY_DEPTH: positiveInt.default(10),
  MAX_QUERY_COST: positiveInt.default(5000),
  /** Aliased fields one request may run (each alias of a field runs its resolver again). */
  MAX_ALIASES: positiveInt.default(30),
  /** Lexical tokens one document may have; bounds every validation rule's work (some compare field pairs). */
  MAX_QUERY_TOKENS: positiveInt.default(5000),
  /**
   * Estimated cost units (the estimator of MAX_QUERY_COST) one signed-in user may spend per minute, HTTP and
   * WebSocket together. Manifest operations cost 20–500 (a question 23, a page of 20 questions 420, logIn 501):
   * 30,000 is ~70 question pages or ~1,300 single questions a minute, or 6 requests at the 5,000 maximum.
   */
  USER_COST_BUDGET_PER_MINUTE: positiveInt.default(30_000),
  /** Requests per IP per minute from clients without a token (HTTP and WebSocket operations). */
  ANON_RATE_LIMIT_PER_MINUTE: positiveInt.default(300),
  MAX_BODY_BYTES: positiveInt.default(256 * 1024),
  /**
   * Open GraphQL WebSockets per user across every API process (leases in Redis: src/app/socket-leases.ts; a socket
   * without a token counts against the identity its first operation runs as: see src/app/socket-owners.ts). A
   * browser tab holds one socket; 8 covers a learner's tabs and devices.
   */
  WS_MAX_SOCKETS_PER_USER: positiveInt.default(8),
  /** Operations (subscriptions mostly) running at once on one WebSocket; a page follows a submission or two. */
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: positiveInt.default(10),
  /** Anonymous query responses are served from memory this long (0 turns the micro-cache off). */
  PUBLIC_CACHE_TTL_MS: z.coerce.number().int().min(0).default(2000),
  /** The most the micro-cache's stored responses may weigh together. */
  PUBLIC_CACHE_MAX_BYTES: positiveInt.default(32 * 1024 * 1024),
  TRUST_PROXY: trustProxy.default(false),
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
  /**
   * Keys the generation of hidden and performance tests. Unset: the secret stored in the database
   * (generated by `npm run setup` or the first grader) is used. Set it on every grader or on none.
   */
  HIDDEN_TEST_SECRET: z.string().min(32, "expected at least 32 characters").optional(),
  SANDBOX: z.enum(["auto", "bwrap", "rlimit"]).default("auto"),
  SANDBOX_REQUIRE_BWRAP: booleanFromString.default(false),
  /**
   * A sandboxed process (a TypeScript executor, a Python zygote) is replaced after this many runs. Unset: the
   * sandbox's limits table (workers/sandbox/limits.ts), the one place its default lives.
   */
  EXECUTOR_RECYCLE_AFTER: positiveInt.optional(),
  /** Python submissions: the grader starts one warm Python process per slot (python3 and numpy required). */
  GRADER_PYTHON: booleanFromString.default(true),
  SWEEP_INTERVAL_MS: positiveInt.default(15_000),
  /** A job whose grader stops renewing its lock for this long is taken over by another grader. */
  GRADER_LOCK_MS: positiveInt.default(30_000),
  GRADER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /**
   * The bearer token the API's /metrics asks for. Unset: /metrics is open outside production and off in it.
   * (The grader's metrics port has no token: keep it on the internal network.)
   */
  METRICS_TOKEN: z.string().min(32, "expected at least 32 characters").optional(),
  /** How often a grader checks that PostgreSQL and Redis answer; it takes jobs only while both do. */
  GRADER_HEALTH_CHECK_MS: positiveInt.default(2000),
  REVIEW_NEW_CARDS_PER_DAY: z.coerce.number().int().min(0).default(20),
});

/** Every variable the platform reads (`.env.example` documents each; a test keeps them in step). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(configSchema.shape);

export type Config = z.infer<typeof configSchema> & { introspection: boolean; explorer: boolean };

// Their values never appear in an error message (which ends up in logs).
const SECRET_VARIABLES = new Set(["HIDDEN_TEST_SECRET", "METRICS_TOKEN"]);

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates the environment once at start; a bad value names the variable and the expected form. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join(".");
      const shown = SECRET_VARIABLES.has(name) ? "(not shown)" : JSON.stringify(env[name] ?? "");
      return `  ${name}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const config = parsed.data;
  const introspection = config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== "production";
  return { ...config, introspection, explorer: config.GRAPHQL_EXPLORER ?? introspection };
}
