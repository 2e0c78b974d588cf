import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CONTENT_DIR, PROBLEMS_DIR } from "../seed/load-content.ts";
import { runSeed } from "../seed/run-seed.ts";
import { loadConfig } from "../src/config.ts";
import { createDb } from "../src/db.ts";
import { createRedis } from "../src/redis.ts";
import { createPrivateDatabase, dropDatabase, formatMs, migrate, percentile } from "./database.ts";
import {
  captureStatements,
  type HotOperation,
  hotContext,
  hotOperations,
  planStatements,
  post,
} from "./hot-operations.ts";
import { analyzeAndCount, FULL_SCALE, type GeneratedCounts, generateScaleData, type ScaleSizes } from "./scale-data.ts";

/**
 * `npm run bench -- scale`: a private database with ≥ 100k learners, ≥ 1M submissions, ≥ 2M review cards and ≥ 5k
 * questions (bench/scale-data.ts), the API in its own process over HTTP, and p50/p99 of each hot operation over
 * SCALE_CALLS sequential calls; then EXPLAIN of every statement those operations run, listing each sequential scan
 * of a big table. The database is dropped and the Redis namespace deleted at the end (SCALE_KEEP=1 keeps the
 * database; SCALE_REUSE=1 measures on it again, SCALE_FACTOR scales the learners and questions, SCALE_CALLS the
 * calls per operation).
 */
const WARM_UP_CALLS = 20;
const CALLS = Number(process.env.SCALE_CALLS ?? 300);
const DATABASE = "infra_dojo_scale";
const API_PORT = 4610;
const TARGET_P99_MS = 50;
/** A table at least this large counts as big: a sequential scan of it on a hot path is a finding. */
const BIG_TABLE_ROWS = 50_000;
const LIMIT_OFF = "100000000";

function sizesFromEnv(): ScaleSizes {
  const factor = Number(process.env.SCALE_FACTOR ?? 1);
  const scaled = (value: number) => Math.max(1, Math.round(value * factor));
  return {
    ...FULL_SCALE,
    learners: scaled(FULL_SCALE.learners),
    heavyLearners: scaled(FULL_SCALE.heavyLearners),
    questions: scaled(FULL_SCALE.questions),
  };
}

async function waitForReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready`);
}

/** The API in its own process (the measuring loop must not share its event loop), TZ=UTC as in production. */
async function startApi(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL("../src/app/api.ts", import.meta.url))], {
    env: { ...process.env, ...env, PORT: String(API_PORT), HOST: "127.0.0.1", TZ: "UTC" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitForReady(`http://127.0.0.1:${API_PORT}/readyz`, child);
  return {
    url: `http://127.0.0.1:${API_PORT}/graphql`,
    async stop() {
      child.kill("SIGTERM");
      if (child.exitCode === null) await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

type Timing = { p50: number; p99: number; max: number };

async function time(url: string, operation: HotOperation): Promise<Timing> {
  for (let i = 0; i < WARM_UP_CALLS; i++) await post(url, operation, CALLS + i);
  const times: number[] = [];
  for (let call = 0; call < CALLS; call++) {
    const started = performance.now();
    await post(url, operation, call);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1] ?? Number.NaN };
}

async function deleteRedisNamespace(url: string, prefix: string): Promise<void> {
  const redis = createRedis(url);
  try {
    for await (const batch of redis.scanStream({ match: `${prefix}:*`, count: 1000 })) {
      const keys = batch as string[];
      if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

export async function runScaleBench(): Promise<void> {
  const sizes = sizesFromEnv();
  const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/infra_dojo_bench";
  // SCALE_REUSE=1 measures again on the database a SCALE_KEEP=1 run left (migrated to the current schema first).
  const reuse = process.env.SCALE_REUSE === "1";
  const url = reuse
    ? Object.assign(new URL(serverUrl), { pathname: `/${DATABASE}` }).toString()
    : await createPrivateDatabase(serverUrl, DATABASE);
  const prefix = `bench-scale-${process.pid}`;
  const env = {
    DATABASE_URL: url,
    REDIS_PREFIX: prefix,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    // Measured as they execute: no anonymous micro-cache, and limits off for one client making thousands of calls.
    PUBLIC_CACHE_TTL_MS: "0",
    ANON_RATE_LIMIT_PER_MINUTE: LIMIT_OFF,
    USER_COST_BUDGET_PER_MINUTE: LIMIT_OFF,
    SUBMIT_RATE_LIMIT_PER_MINUTE: LIMIT_OFF,
  };
  try {
    let counts: GeneratedCounts;
    if (reuse) {
      migrate(new URL(url));
      counts = await analyzeAndCount(url, (line) => console.log(`  ${line}`));
      console.log("reused the kept database:", counts);
    } else {
      const db = createDb({ url });
      const seeded = await runSeed({ db, dir: CONTENT_DIR, problemsDirs: [PROBLEMS_DIR] }).finally(() =>
        db.$disconnect(),
      );
      if (seeded.failed.length > 0) throw new Error(`seeding failed: ${JSON.stringify(seeded.failed)}`);
      const started = performance.now();
      counts = await generateScaleData(url, sizes, (line) => console.log(`  ${line}`));
      console.log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s:`, counts);
    }

    const { context, cursors } = await hotContext(url, sizes);
    const operations = hotOperations(context);
    const api = await startApi(env);
    const rows: Record<string, Record<string, string>> = {};
    try {
      const firstPage = operations.find((o) => o.name.startsWith("mySubmissions(first"));
      for (let heavy = 1; heavy <= Math.min(50, sizes.heavyLearners) && firstPage; heavy++) {
        const page = await post(api.url, firstPage, heavy - 1);
        const submissions = page.data?.mySubmissions as { pageInfo: { endCursor: string } } | undefined;
        if (submissions) cursors.set(heavy, submissions.pageInfo.endCursor);
      }
      for (const operation of operations) {
        const timing = await time(api.url, operation);
        const isRead = !operation.query.trimStart().startsWith("mutation");
        rows[operation.name] = {
          p50: formatMs(timing.p50),
          p99: formatMs(timing.p99),
          max: formatMs(timing.max),
          "p99 ≤ 50 ms": isRead ? (timing.p99 <= TARGET_P99_MS ? "yes" : "NO") : "(write)",
        };
      }
    } finally {
      await api.stop();
    }
    console.log(`\n${CALLS} sequential calls per operation over HTTP (after ${WARM_UP_CALLS} warm-up calls)`);
    console.table(rows);

    const config = loadConfig({ ...process.env, ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" });
    const statements = await captureStatements(config, operations);
    const big = new Set(Object.entries(counts).flatMap(([table, n]) => (n >= BIG_TABLE_ROWS ? [table] : [])));
    const plans = await planStatements(url, statements);
    console.log(`\nEXPLAIN of ${plans.length} statements run by those operations; big tables: ${[...big].join(", ")}`);
    const scans = plans.flatMap((plan) =>
      plan.seqScans.filter((table) => big.has(table)).map((table) => ({ plan, table })),
    );
    if (scans.length === 0) console.log("no sequential scan of a big table");
    for (const { plan, table } of scans) {
      console.log(`Seq Scan on ${table} in ${plan.operation}: ${plan.sql.replace(/\s+/g, " ").slice(0, 300)}`);
    }
  } finally {
    if (process.env.SCALE_KEEP !== "1") await dropDatabase(url);
    await deleteRedisNamespace(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", prefix);
  }
}

if (import.meta.main) {
  await runScaleBench();
  process.exit(0);
}
