import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { CONTENT_DIR, PROBLEMS_DIR } from "../seed/load-content.ts";
import { runSeed } from "../seed/run-seed.ts";
import { startApiServer } from "../src/app/server.ts";
import { type OwnedServices, openServices } from "../src/app/services.ts";
import { loadConfig } from "../src/config.ts";
import { createAccount } from "../src/modules/auth/service.ts";
import { processCpuMs } from "./cpu-accounting.ts";
import { ensureBenchDatabase } from "./database.ts";

type BenchCase = { name: string; body: string; signedIn: boolean };

const TOPICS_PAGE = `totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { slug kind difficulty title(locale: EN) topics { slug name(locale: EN) } PROGRESS } }`;

/** The three operations measured; bench/floor-server.ts answers each by its operation name with the same SQL. */
const CASES: BenchCase[] = [
  {
    name: "(a) anonymous questions(first: 20) with topics",
    body: JSON.stringify({
      operationName: "Page",
      query: `query Page($first: Int) { questions(first: $first) { ${TOPICS_PAGE.replace("PROGRESS", "")} } }`,
      variables: { first: 20 },
    }),
    signedIn: false,
  },
  {
    name: "(b) signed in, with progress { status }",
    body: JSON.stringify({
      operationName: "SignedInPage",
      query: `query SignedInPage($first: Int) {
        questions(first: $first) { ${TOPICS_PAGE.replace("PROGRESS", "progress { status }")} } }`,
      variables: { first: 20 },
    }),
    signedIn: true,
  },
  {
    name: "(c) question(slug) with its coding problem",
    body: JSON.stringify({
      operationName: "Problem",
      query: `query Problem($slug: String!) { question(slug: $slug) { slug kind difficulty title(locale: EN)
        body(locale: EN) codingProblem { functionName signature starterCode timeLimitMs samples { name input expected } } } }`,
      variables: { slug: "matmul" },
    }),
    signedIn: false,
  },
];
const API_PORT = 4600;
const FLOOR_PORT = 4601;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** 40 published questions over 6 topics, created once: the same page shape the learners' list shows. */
export async function ensureContent(databaseUrl: string): Promise<void> {
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

/** A new learner (one per run) with a token and progress on a few listed questions: the signed-in viewer of (b). */
export async function createBenchLearner(services: OwnedServices): Promise<string> {
  const email = `bench-learner-${Date.now()}@example.test`;
  const session = await createAccount(
    services.db,
    { email, handle: `bench-${Date.now().toString(36)}`, password: "bench-learner-password" },
    24,
  );
  const listed = await services.db.question.findMany({
    where: { status: "PUBLISHED" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 6,
    select: { id: true },
  });
  for (const [index, question] of listed.entries()) {
    await services.db.progress.create({
      data: { userId: session.user.id, questionId: question.id, status: index % 2 ? "SOLVED" : "ATTEMPTED" },
    });
  }
  return session.token;
}

// One load generator is one IP: the API's per-IP limit would refuse nearly everything it sends.
export const ANON_LIMIT_OFF = "100000000";

export function benchConfig(databaseUrl: string, extra: Record<string, string> = {}) {
  return loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    PUBLIC_CACHE_TTL_MS: "0",
    // The per-IP count lives in Redis: right after a load run it is far past the default limit for this IP.
    ANON_RATE_LIMIT_PER_MINUTE: ANON_LIMIT_OFF,
    // The signed-in cases load one learner far past a person's request budget: the benchmark measures the API.
    USER_COST_BUDGET_PER_MINUTE: ANON_LIMIT_OFF,
    ...extra,
  });
}

function headersOf(benchCase: BenchCase, token: string): Record<string, string> {
  return { "content-type": "application/json", ...(benchCase.signedIn ? { authorization: `Bearer ${token}` } : {}) };
}

/** SQL statements per request of each case, counted in-process through Prisma's query events. */
async function statementsPerRequest(databaseUrl: string, token: string): Promise<Record<string, number>> {
  const services = openServices(benchConfig(databaseUrl), "bench", { logQueries: true });
  const api = await startApiServer(services);
  let statements = 0;
  services.db.$on("query", () => {
    statements++;
  });
  const counts: Record<string, number> = {};
  try {
    for (const benchCase of CASES) {
      const post = async () => {
        const response = await fetch(api.url, {
          method: "POST",
          headers: headersOf(benchCase, token),
          body: benchCase.body,
        });
        const result = (await response.json()) as { errors?: unknown };
        if (result.errors) throw new Error(`${benchCase.name} failed: ${JSON.stringify(result.errors)}`);
      };
      await post();
      statements = 0;
      for (let i = 0; i < 10; i++) await post();
      counts[benchCase.name] = statements / 10;
    }
  } finally {
    await api.close();
    await services.close();
  }
  return counts;
}

async function waitForReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`${url} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready`);
}

export type Server = { child: ChildProcess; url: string; stop(): Promise<void> };

/** A server in its own process (the load generator must not share its event loop), TZ=UTC like production. */
export async function startServer(script: string, port: number, env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", TZ: "UTC", DATABASE_POOL_SIZE: "20", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForReady(script.includes("floor") ? base : `${base}/readyz`, child);
  return {
    child,
    url: script.includes("floor") ? base : `${base}/graphql`,
    async stop() {
      child.kill("SIGTERM");
      if (child.exitCode === null) await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

type LoadResult = { requestsPerSecond: number; p50: number; p99: number; cpuMsPerRequest: number; failed: number };

async function load(server: Server, benchCase: BenchCase, token: string): Promise<LoadResult> {
  const options = {
    url: server.url,
    method: "POST" as const,
    headers: headersOf(benchCase, token),
    body: benchCase.body,
    connections: CONNECTIONS,
  };
  await autocannon({ ...options, duration: 2 }); // warm-up: JIT, pools, caches
  const cpuBefore = processCpuMs(server.child.pid as number);
  const result = await autocannon({ ...options, duration: SECONDS });
  const cpu = processCpuMs(server.child.pid as number) - cpuBefore;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerRequest: Math.round((cpu / Math.max(1, result.requests.total)) * 100) / 100,
    failed: result.non2xx + result.errors,
  };
}

const ratio = (api: number, floor: number) => Math.round((api / floor) * 100) / 100;
const range = (values: number[]) =>
  values.length === 1 ? `${values[0]}` : `${Math.min(...values)}–${Math.max(...values)}`;

/** The bench database with the shipped content seeded and a new signed-in learner: its URL and the token. */
export async function seededBenchLearner(): Promise<{ databaseUrl: string; token: string }> {
  const databaseUrl = await ensureBenchDatabase();
  await ensureContent(databaseUrl);
  const services = openServices(benchConfig(databaseUrl), "bench");
  try {
    const seeded = await runSeed({ db: services.db, dir: CONTENT_DIR, problemsDirs: [PROBLEMS_DIR] });
    if (seeded.failed.length > 0) throw new Error(`seeding failed: ${JSON.stringify(seeded.failed)}`);
    return { databaseUrl, token: await createBenchLearner(services) };
  } finally {
    await services.close();
  }
}

export async function runApiBench(): Promise<void> {
  const { databaseUrl, token } = await seededBenchLearner();
  const statements = await statementsPerRequest(databaseUrl, token);
  const serverEnv = { DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", NODE_ENV: "production" };
  // As benchConfig: one client far past the per-IP limit and one learner far past a person's request budget
  // (without the budget off, the signed-in case measured ~30,000 refusals a round, not the API).
  const apiEnv = {
    ...serverEnv,
    ANON_RATE_LIMIT_PER_MINUTE: ANON_LIMIT_OFF,
    USER_COST_BUDGET_PER_MINUTE: ANON_LIMIT_OFF,
  };
  const floor = await startServer("./floor-server.ts", FLOOR_PORT, serverEnv);
  const api = await startServer("../src/app/api.ts", API_PORT, { ...apiEnv, PUBLIC_CACHE_TTL_MS: "0" });
  const rows: Record<string, Record<string, number | string>> = {};
  const ratios = new Map<string, { throughput: number[]; p99: number[]; cpu: number[] }>();
  try {
    // Floor and API back to back for each case, several rounds: a shared machine's noise shows as a range.
    for (let round = 1; round <= ROUNDS; round++) {
      for (const benchCase of CASES) {
        const floorResult = await load(floor, benchCase, token);
        const apiResult = await load(api, benchCase, token);
        for (const [server, result] of [
          ["floor", floorResult],
          ["API", apiResult],
        ] as const) {
          rows[`${benchCase.name.slice(0, 3)} ${server} #${round}`] = { ...result };
        }
        const entry = ratios.get(benchCase.name) ?? { throughput: [], p99: [], cpu: [] };
        entry.throughput.push(ratio(apiResult.requestsPerSecond, floorResult.requestsPerSecond));
        entry.p99.push(ratio(apiResult.p99, floorResult.p99));
        entry.cpu.push(apiResult.cpuMsPerRequest);
        ratios.set(benchCase.name, entry);
      }
    }
  } finally {
    await api.stop();
    await floor.stop();
  }
  // The anonymous micro-cache as deployed, for the record: most anonymous reads never execute.
  const cachedApi = await startServer("../src/app/api.ts", API_PORT, apiEnv);
  let cached: LoadResult;
  try {
    cached = await load(cachedApi, CASES[0] as BenchCase, token);
  } finally {
    await cachedApi.stop();
  }
  console.log(
    `\nAPI vs floor (bare node:http + pg, same SQL): ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds`,
  );
  console.table(rows);
  console.table(
    Object.fromEntries(
      [...ratios].map(([name, entry]) => [
        name,
        {
          "API/floor req/s": range(entry.throughput),
          "API/floor p99": range(entry.p99),
          "API CPU ms/request": range(entry.cpu),
          "SQL statements": statements[name] ?? Number.NaN,
        },
      ]),
    ),
  );
  console.log("(a) as deployed, micro-cache on:", cached);
}

if (import.meta.main) await runApiBench();
