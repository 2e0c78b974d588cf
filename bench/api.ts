import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { startApiServer } from "../src/app/server.ts";
import { openServices } from "../src/app/services.ts";
import { loadConfig } from "../src/config.ts";
import { ensureBenchDatabase } from "./database.ts";

const QUERY = `query Page($first: Int) {
  questions(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { slug kind difficulty title(locale: EN) topics { slug name(locale: EN) } } }
  }
}`;
const BODY = JSON.stringify({ query: QUERY, variables: { first: 20 } });
const BENCH_PORT = 4600;

/** 40 published questions over 6 topics, created once: the same page shape the learners' list shows. */
async function ensureContent(databaseUrl: string): Promise<void> {
  const services = openServices(
    loadConfig({ ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" }),
    "bench",
  );
  try {
    const db = services.db;
    for (let t = 0; t < 6; t++) {
      await db.topic.upsert({
        where: { slug: `bench-topic-${t}` },
        create: { slug: `bench-topic-${t}`, nameZh: `主题${t}`, nameEn: `Topic ${t}` },
        update: {},
      });
    }
    for (let i = 0; i < 40; i++) {
      const slug = `bench-question-${i}`;
      if (await db.question.findUnique({ where: { slug } })) continue;
      await db.question.create({
        data: {
          slug,
          kind: i % 2 ? "CONCEPT" : "CODING",
          difficulty: (["EASY", "MEDIUM", "HARD"] as const)[i % 3],
          status: "PUBLISHED",
          titleZh: `基准问题 ${i}`,
          titleEn: `Benchmark question ${i}`,
          bodyZh: "正文",
          answerZh: "答案",
          searchText: `基准问题 ${i} benchmark question ${i}`,
          topics: {
            create: [
              { topic: { connect: { slug: `bench-topic-${i % 6}` } } },
              { topic: { connect: { slug: `bench-topic-${(i + 1) % 6}` } } },
            ],
          },
        },
      });
    }
  } finally {
    await services.close();
  }
}

/** SQL statements for one request, counted in-process through Prisma's query events. */
async function statementsPerRequest(databaseUrl: string): Promise<number> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    PUBLIC_CACHE_TTL_MS: "0",
  });
  const services = openServices(config, "bench", { logQueries: true });
  const api = await startApiServer(services);
  let statements = 0;
  services.db.$on("query", () => {
    statements++;
  });
  const post = () => fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: BODY });
  await post();
  statements = 0;
  const requests = 20;
  for (let i = 0; i < requests; i++) await post();
  await api.close();
  await services.close();
  return statements / requests;
}

async function waitForReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the API did not become ready");
}

type LoadResult = { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number };

/** Runs the API in its own process (so the load generator does not share its event loop) and loads it. */
async function loadApi(databaseUrl: string, extraEnv: Record<string, string>): Promise<LoadResult> {
  const api = spawn(process.execPath, [fileURLToPath(new URL("../src/app/api.ts", import.meta.url))], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(BENCH_PORT),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      DATABASE_POOL_SIZE: "20",
      // One load generator is one IP: the per-IP limit would refuse nearly everything it sends.
      ANON_RATE_LIMIT_PER_MINUTE: "100000000",
      ...extraEnv,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    await waitForReady(`http://127.0.0.1:${BENCH_PORT}/readyz`, api);
    const options = {
      url: `http://127.0.0.1:${BENCH_PORT}/graphql`,
      method: "POST" as const,
      headers: { "content-type": "application/json" },
      body: BODY,
      connections: 50,
    };
    await autocannon({ ...options, duration: 3 }); // warm-up
    const result = await autocannon({ ...options, duration: 15 });
    return {
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
    };
  } finally {
    api.kill("SIGTERM");
    await new Promise((resolve) => api.once("exit", resolve));
  }
}

export async function runApiBench(): Promise<void> {
  const databaseUrl = await ensureBenchDatabase();
  await ensureContent(databaseUrl);
  const perRequest = await statementsPerRequest(databaseUrl);
  // As deployed (anonymous reads hit the micro-cache), and with the cache off: every request executes.
  const cached = await loadApi(databaseUrl, {});
  const uncached = await loadApi(databaseUrl, { PUBLIC_CACHE_TTL_MS: "0" });
  console.log("\nAPI benchmark: questions(first: 20) with topics, anonymous, 50 connections, 15 s each");
  console.table({
    "as deployed (micro-cache 2 s)": cached,
    "micro-cache off (every request executes)": uncached,
  });
  console.log(`SQL statements per executed request: ${perRequest}`);
}

if (import.meta.main) await runApiBench();
