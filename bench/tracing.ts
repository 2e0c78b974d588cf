// What tracing costs the API per request: the API process (src/app/api.ts, as deployed) with tracing off (no
// OTLP endpoint) and on (exporting over OTLP/HTTP protobuf to a sink on loopback that answers 200), back to back
// for BENCH_ROUNDS rounds, each measuring CPU per request of the API process (/proc) and the p50 latency of
// BENCH_TRACING_REQUESTS requests from BENCH_TRACING_CLIENTS concurrent clients, for two operations: the
// anonymous questions page (a read: the request, parse/validate on first use, execute) and submitSolution (a
// write that also enqueues, carrying the trace context in the job; no grader runs, the jobs are deleted after).
// BENCH_TRACING_BASELINE, the path of another checkout's src/app/api.ts (one from before tracing), adds its runs
// to each round as a third mode, "baseline".
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inSpan, startTracing } from "../src/lib/tracing.ts";
import { createRedis } from "../src/redis.ts";
import { ANON_LIMIT_OFF, benchConfig, type Server, seededBenchLearner, startServer } from "./api.ts";
import { processCpuMs } from "./cpu-accounting.ts";
import { percentile } from "./database.ts";

type Mode = "off" | "on" | "baseline";
type Operation = { name: string; body: (i: number) => string; signedIn: boolean };

const PORT = Number(process.env.BENCH_TRACING_PORT ?? 4620);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_TRACING_REQUESTS ?? 2000);
const CLIENTS = Number(process.env.BENCH_TRACING_CLIENTS ?? 4);
const BASELINE = process.env.BENCH_TRACING_BASELINE;
const MODES: Mode[] = BASELINE ? ["baseline", "off", "on"] : ["off", "on"];

const OPERATIONS: Operation[] = [
  {
    name: "anonymous questions(first: 20)",
    body: () =>
      JSON.stringify({
        operationName: "Page",
        query: `query Page($first: Int) { questions(first: $first) { totalCount
          edges { node { slug kind difficulty title(locale: EN) topics { slug name(locale: EN) } } } } }`,
        variables: { first: 20 },
      }),
    signedIn: false,
  },
  {
    name: "submitSolution (enqueues)",
    // A distinct text each time, as learners' submissions are.
    body: (i) =>
      JSON.stringify({
        operationName: "Submit",
        query: "mutation Submit($input: SubmitSolutionInput!) { submitSolution(input: $input) { id status } }",
        variables: { input: { slug: "matmul", language: "TYPESCRIPT", code: `// ${i}\nfunction matmul() {}` } },
      }),
    signedIn: true,
  },
];

/** An OTLP/HTTP receiver that reads each export and answers 200 with an empty response (counted, dropped). */
async function startOtlpSink() {
  let exports = 0;
  let bytes = 0;
  const server = createServer((req, res) => {
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    req.on("end", () => {
      exports++;
      res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => ({ exports, bytes }),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function measure(server: Server, operation: Operation, token: string) {
  const headers = {
    "content-type": "application/json",
    ...(operation.signedIn ? { authorization: `Bearer ${token}` } : {}),
  };
  let next = 0;
  const latencies: number[] = [];
  const client = async (count: number, record: boolean) => {
    while (next < count) {
      const i = next++;
      const started = performance.now();
      const response = await fetch(server.url, { method: "POST", headers, body: operation.body(i) });
      const result = (await response.json()) as { errors?: unknown };
      if (result.errors) throw new Error(`${operation.name} failed: ${JSON.stringify(result.errors)}`);
      if (record) latencies.push(performance.now() - started);
    }
  };
  // Warm-up: JIT, pools, Apollo's document cache, graphql-jit's compilation.
  await Promise.all(Array.from({ length: CLIENTS }, () => client(200, false)));
  next = 0;
  const pid = server.child.pid as number;
  const cpuBefore = processCpuMs(pid);
  await Promise.all(Array.from({ length: CLIENTS }, () => client(REQUESTS, true)));
  const cpu = processCpuMs(pid) - cpuBefore;
  latencies.sort((a, b) => a - b);
  return { cpuUsPerRequest: Math.round((cpu * 1000) / REQUESTS), p50Us: Math.round(percentile(latencies, 50) * 1000) };
}

/**
 * CPU of one span in this process, from inSpan's call to its export: with tracing off (against calling the work
 * directly) and on (batched and exported over OTLP/HTTP protobuf to the sink, the flush included). The API's
 * request costs are the process figures below; these say what a span itself adds, without a server's noise.
 */
async function spanCost(sinkUrl: string) {
  const SPANS = 200_000;
  const work = async () => 1;
  const attributes = { "dojo.submission.id": "00000000-0000-4000-8000-000000000000" };
  const cpuUs = () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  };
  const timed = async (run: () => Promise<unknown>) => {
    for (let i = 0; i < 10_000; i++) await run();
    const before = cpuUs();
    for (let i = 0; i < SPANS; i++) await run();
    return cpuUs() - before;
  };
  const direct = await timed(work);
  const off = await timed(() => inSpan("probe", attributes, work));
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = sinkUrl;
  const tracing = await startTracing("api");
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const before = cpuUs();
  const on = await timed(() => inSpan("probe", attributes, work));
  await tracing?.shutdown();
  const onWithFlush = cpuUs() - before;
  const ns = (us: number) => Math.round((us * 1000) / SPANS);
  return {
    "direct call, ns": ns(direct),
    "inSpan, tracing off, ns": ns(off),
    "inSpan, tracing on, ns (span only)": ns(on),
    "inSpan, tracing on, ns (with batching and OTLP export)": ns(onWithFlush),
  };
}

export async function runTracingBench(): Promise<void> {
  // startServer passes this process's environment on: the caller's OTEL_* variables must not turn "off" on.
  for (const name of Object.keys(process.env)) if (name.startsWith("OTEL_")) delete process.env[name];
  const { databaseUrl, token } = await seededBenchLearner();
  const prefix = `bench-tracing-${process.pid}`;
  const sink = await startOtlpSink();
  const perSpan = await spanCost(sink.url);
  const spanCostExports = sink.received().exports;
  const env = {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
    REDIS_PREFIX: prefix,
    PUBLIC_CACHE_TTL_MS: "0",
    ANON_RATE_LIMIT_PER_MINUTE: ANON_LIMIT_OFF,
    USER_COST_BUDGET_PER_MINUTE: ANON_LIMIT_OFF,
    SUBMIT_RATE_LIMIT_PER_MINUTE: ANON_LIMIT_OFF,
  };
  const rows: Record<string, Record<string, number | string>> = {};
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const mode of MODES) {
        const tracingEnv: Record<string, string> = mode === "on" ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url } : {};
        const script = mode === "baseline" && BASELINE ? BASELINE : "../src/app/api.ts";
        const server = await startServer(script, PORT, { ...env, ...tracingEnv });
        try {
          for (const operation of OPERATIONS) {
            rows[`${operation.name}, tracing ${mode} #${round}`] = await measure(server, operation, token);
          }
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    await sink.close();
    // The queued jobs (no grader takes them) and the rate-limit keys of this run's namespace.
    const redis = createRedis(benchConfig(databaseUrl).REDIS_URL);
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 })) {
      if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
    }
    redis.disconnect();
  }
  console.log("\nOne span in-process (CPU):", perSpan);
  console.log(`\nAPI per request, tracing off vs on: ${REQUESTS} requests from ${CLIENTS} clients per run`);
  console.table(rows);
  console.log("OTLP exports the API runs sent:", sink.received().exports - spanCostExports);
}

if (import.meta.main) await runTracingBench();
