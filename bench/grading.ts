import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { createDb } from "../src/db.ts";
import type { AnyKernelSpec } from "../src/kernels/types.ts";
import { saveQuestion, saveTopics } from "../src/modules/content/service.ts";
import { getKernel, problems, pythonFormOf } from "../src/problems/registry.ts";
import { createRedis } from "../src/redis.ts";
import { deleteNamespace } from "../test/helpers/redis-keys.ts";
import { type GradeInput, gradeSubmission } from "../workers/judge/grade.ts";
import { cpuMsBetween, cpuMsByPid, processesCpuMs, processTreeCpuMs, selfAndReapedCpuMs } from "./cpu-accounting.ts";
import { ensureBenchDatabase, formatMs, percentile } from "./database.ts";
import { postGraphql } from "./graphql-client.ts";
import { createPeerRuntime } from "./peer/runtime.ts";
import { measurePythonOverhead } from "./python-runtime.ts";
import { measureSandboxOverhead } from "./sandbox-overhead.ts";

/** BENCH_API_PORT lets two benches (e.g. two checkouts compared back to back) run on one machine. */
const API_PORT = Number(process.env.BENCH_API_PORT ?? 4610);
/** Submissions per phase (BENCH_GRADING_SUBMISSIONS: fewer for a quick look; the figures below are for 500). */
const SUBMISSIONS = Number(process.env.BENCH_GRADING_SUBMISSIONS ?? 500);
const WRONG_SHARE = 0.1;
/** The burst the platform is asked for: this many times the peer's verdicts per second, in each language. */
const TARGET_PEER_RATIO = 5;
const SLUG = "bench-matmul";

const WRONG_MATMUL = `function matmul(a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const c = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) for (let p = 0; p < k; p++) c[i * m + j] += a[i * k + p] * b[j * k + p];
  return c;
}`;

/** What a phase submits: the language, its reference solution and a wrong one (every 1/WRONG_SHARE-th). */
type Submissions = { language: "TYPESCRIPT" | "PYTHON"; solution: string; wrong: string };

const TYPESCRIPT: Submissions = {
  language: "TYPESCRIPT",
  solution: getKernel("matmul")?.solutionCode ?? "",
  wrong: WRONG_MATMUL,
};
const PYTHON: Submissions = {
  language: "PYTHON",
  solution: pythonFormOf("matmul")?.solutionCode ?? "",
  wrong: problems.get("matmul")?.wrongSolutions.python[0]?.code ?? "",
};
/** `# ` or `// `: a distinct comment per submission in its language. */
const COMMENT = { TYPESCRIPT: "//", PYTHON: "#" } as const;

function spawnRole(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ["--no-node-snapshot", fileURLToPath(new URL(script, import.meta.url))], {
    env: { ...process.env, ...env },
    stdio: ["ignore", process.env.BENCH_LOG_LEVEL ? "inherit" : "ignore", "inherit"],
  });
}

function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  return postGraphql<T>(`http://127.0.0.1:${API_PORT}/graphql`, query, variables, token);
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** What a phase measured of its verdicts, on the platform or the peer: rate, latency and how many of each. */
type VerdictFigures = { throughput: number; p50: number; p95: number; accepted: number; wrong: number; other: number };

function verdictCounts(verdicts: readonly (string | null)[]): Pick<VerdictFigures, "accepted" | "wrong" | "other"> {
  const accepted = verdicts.filter((verdict) => verdict === "ACCEPTED").length;
  const wrong = verdicts.filter((verdict) => verdict === "WRONG_ANSWER").length;
  return { accepted, wrong, other: verdicts.length - accepted - wrong };
}

type Phase = VerdictFigures & {
  name: string;
  language: Submissions["language"];
  /** A burst (every submission at once) or paced. */
  burst: boolean;
  /** Verdicts whose type check could not finish in time (the checker runs at low priority). */
  typeCheckSkipped: number;
  /** Median perf ratio of the accepted submissions: the kernel's own solution, so ideally 1. */
  perfRatioP50: number;
  /** Accepted submissions whose timing was not stable enough for a ratio (perfNote says why). */
  perfWithheld: number;
  /** CPU per verdict of each part of the platform over the phase (cpu-accounting.ts). */
  cpuMsPerVerdict: CpuSample;
};

/** The i-th submission's text: every 1/WRONG_SHARE-th is wrong; each is distinct (as learners' are), so no per-code cache helps. */
function submissionCode({ language, solution, wrong }: Submissions, phase: string, i: number): string {
  return `${i % Math.round(1 / WRONG_SHARE) === 0 ? wrong : solution}\n${COMMENT[language]} ${phase} #${i}\n`;
}

function round1(value: number): number {
  return Number(value.toFixed(1));
}

function totalCpu(sample: CpuSample): number {
  return sample.api + sample.grader + sample.postgres + sample.redis;
}

/** The pid of the Redis server (when it runs on this machine: its CPU is read from /proc), else null. */
async function redisServerPid(): Promise<number | null> {
  const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  try {
    const pid = Number(/process_id:(\d+)/.exec(await redis.info("server"))?.[1]);
    return Number.isInteger(pid) && existsSync(`/proc/${pid}/stat`) ? pid : null;
  } finally {
    redis.disconnect();
  }
}

/** The platform under test: its processes (for CPU accounting), database and learners' tokens. */
type Platform = { tokens: string[]; databaseUrl: string; apiPid: number; graderPid: number; redisPid: number | null };

/** CPU milliseconds per part of the platform so far: API, grader (with its sandboxes), its Postgres backends, Redis. */
type CpuSample = { api: number; grader: number; postgres: number; redis: number };
/** A CpuSample, with each Postgres backend's own (backends come and go: a phase counts each one's difference). */
type CpuReading = Omit<CpuSample, "postgres"> & { postgres: Map<number, number> };

async function sampleCpu(platform: Platform, db: ReturnType<typeof createDb>): Promise<CpuReading> {
  // The platform's own connections (application_name dojo-api, dojo-grader), not the bench's.
  const backends = await db.$queryRaw<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'dojo-%'`;
  return {
    api: processTreeCpuMs(platform.apiPid),
    grader: processTreeCpuMs(platform.graderPid),
    postgres: cpuMsByPid(backends.map((row) => row.pid)),
    redis: platform.redisPid === null ? 0 : processesCpuMs([platform.redisPid]),
  };
}

/** Submits `count` solutions at `ratePerSecond` (Infinity: all at once) and measures submit→verdict from the rows. */
async function runPhase(
  name: string,
  platform: Platform,
  count: number,
  ratePerSecond: number,
  submissions: Submissions = TYPESCRIPT,
): Promise<Phase> {
  const { language } = submissions;
  const { tokens, databaseUrl } = platform;
  const ids: string[] = [];
  const monitor = createDb({ url: databaseUrl, poolSize: 1 });
  const cpuBefore = await sampleCpu(platform, monitor);
  const started = performance.now();
  const submits: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    if (Number.isFinite(ratePerSecond)) {
      const due = started + (i * 1000) / ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const code = submissionCode(submissions, name, i);
    submits.push(
      gql<{ submitSolution: { id: string } }>(
        `mutation($input: SubmitSolutionInput!) { submitSolution(input: $input) { id } }`,
        { input: { slug: SLUG, language, code } },
        tokens[i % tokens.length],
      ).then((data) => {
        ids.push(data.submitSolution.id);
      }),
    );
  }
  await Promise.all(submits);
  const db = createDb({ url: databaseUrl, poolSize: 2 });
  try {
    await waitUntil(
      async () => (await db.submission.count({ where: { id: { in: ids }, status: "FINISHED" } })) === ids.length,
      300_000,
      "every verdict",
    );
    const rows = await db.submission.findMany({
      where: { id: { in: ids } },
      select: { createdAt: true, finishedAt: true, verdict: true, warnings: true, perfRatio: true, perfNote: true },
    });
    const latencies = rows
      .map((row) => (row.finishedAt?.getTime() ?? 0) - row.createdAt.getTime())
      .sort((a, b) => a - b);
    const first = Math.min(...rows.map((row) => row.createdAt.getTime()));
    const last = Math.max(...rows.map((row) => row.finishedAt?.getTime() ?? 0));
    const cpuAfter = await sampleCpu(platform, monitor);
    const perVerdict = (part: Exclude<keyof CpuSample, "postgres">) => (cpuAfter[part] - cpuBefore[part]) / rows.length;
    return {
      name,
      language,
      burst: !Number.isFinite(ratePerSecond),
      throughput: rows.length / ((last - first) / 1000),
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      ...verdictCounts(rows.map((row) => row.verdict)),
      typeCheckSkipped: rows.filter((row) => JSON.stringify(row.warnings).includes("type check skipped")).length,
      perfRatioP50: percentile(
        rows.flatMap((row) => (row.perfRatio === null ? [] : [row.perfRatio])).sort((a, b) => a - b),
        50,
      ),
      perfWithheld: rows.filter((row) => row.verdict === "ACCEPTED" && row.perfNote !== null).length,
      cpuMsPerVerdict: {
        api: perVerdict("api"),
        grader: perVerdict("grader"),
        postgres: cpuMsBetween(cpuBefore.postgres, cpuAfter.postgres) / rows.length,
        redis: perVerdict("redis"),
      },
    };
  } finally {
    await Promise.all([db.$disconnect(), monitor.$disconnect()]);
  }
}

/** The peer's figures: verdicts/s over the whole phase, and each submission's own time (spawn to verdict). */
type PeerPhase = VerdictFigures & {
  /** This process (the judge: tests, comparison, esbuild's transpile) and every runner process it reaped. */
  cpuMsPerVerdict: number;
};

function peerInput(submissions: Submissions, kernel: AnyKernelSpec, code: string): GradeInput {
  return {
    code,
    language: submissions.language,
    kernel,
    seed: 1,
    hiddenTestSecret: "the grading bench's peer: any secret generates tests of the same sizes",
    mode: "FULL",
    timeLimitMs: 2000,
    memoryLimitMb: 64,
  };
}

/**
 * The same `count` submissions graded by the process-per-submission peer (bench/peer), `concurrency` at a time
 * (default: one per core, what such a judge runs), through the platform's judge, so verdicts can be compared.
 */
async function runPeerPhase(submissions: Submissions, count: number): Promise<PeerPhase> {
  const runtime = createPeerRuntime(submissions.language);
  const kernel = getKernel("matmul");
  if (!kernel) throw new Error("the matmul kernel is missing");
  const concurrency = Number(process.env.BENCH_PEER_CONCURRENCY ?? availableParallelism());
  const latencies: number[] = [];
  const verdicts: string[] = [];
  let next = 0;
  // The tests and expected outputs are made once, before the clock starts (the platform's graders cache them too).
  await gradeSubmission(peerInput(submissions, kernel, submissions.solution), runtime);
  const cpuBefore = selfAndReapedCpuMs();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const began = performance.now();
        const result = await gradeSubmission(
          peerInput(submissions, kernel, submissionCode(submissions, "peer", i)),
          runtime,
        );
        latencies.push(performance.now() - began);
        verdicts.push(result.verdict);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuMsPerVerdict = (selfAndReapedCpuMs() - cpuBefore) / count;
  await runtime.close();
  latencies.sort((a, b) => a - b);
  return {
    cpuMsPerVerdict,
    throughput: count / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    ...verdictCounts(verdicts),
  };
}

export async function runGradingBench(): Promise<void> {
  const databaseUrl = await ensureBenchDatabase();
  const db = createDb({ url: databaseUrl, poolSize: 2 });
  await saveTopics(db, [{ slug: "linear-algebra", zh: "线性代数", en: "Linear algebra" }]);
  await saveQuestion(db, {
    slug: SLUG,
    kind: "CODING",
    difficulty: "MEDIUM",
    status: "PUBLISHED",
    topics: ["linear-algebra"],
    title: { zh: "矩阵乘法（基准）", en: "Matrix multiply (benchmark)" },
    body: { zh: "计算 A·B。", en: "Compute A·B." },
    answer: { zh: "分块。", en: "Blocking." },
    keyPoints: [],
    examples: [],
    coding: { kernelId: "matmul", timeLimitMs: 2000, memoryLimitMb: 64, testPlan: { seed: 1 } },
  });
  await db.$disconnect();

  // BENCH_GRADING_LANGUAGES=python (or typescript) runs one language's phases only.
  const languages = (process.env.BENCH_GRADING_LANGUAGES ?? "typescript,python").split(",");
  // The peer first, while no platform process runs: the same submissions, one fresh process each.
  const peers = new Map<"TYPESCRIPT" | "PYTHON", PeerPhase>();
  if (languages.includes("typescript")) peers.set("TYPESCRIPT", await runPeerPhase(TYPESCRIPT, SUBMISSIONS));
  if (languages.includes("python")) peers.set("PYTHON", await runPeerPhase(PYTHON, SUBMISSIONS));

  const prefix = `bench${Date.now().toString(36)}`;
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
    NODE_ENV: "production",
    PORT: String(API_PORT),
    HOST: "127.0.0.1",
    SUBMIT_RATE_LIMIT_PER_MINUTE: "100000",
    AUTH_RATE_LIMIT_PER_MINUTE: "100000",
    ANON_RATE_LIMIT_PER_MINUTE: "100000",
    USER_COST_BUDGET_PER_MINUTE: "100000000",
    GRADER_METRICS_PORT: "0",
  };
  const api = spawnRole("../src/app/api.ts", env);
  const grader = spawnRole("../workers/grader.ts", env);
  try {
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${API_PORT}/readyz`)).ok, 30_000, "the API");
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) {
      const data = await gql<{ signUp: { token: string } }>(
        `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`,
        {
          input: {
            email: `bench-${prefix}-${i}@example.com`,
            handle: `b${prefix}${i}`.slice(0, 32),
            password: "benchmark password",
          },
        },
      );
      tokens.push(data.signUp.token);
    }
    const platform: Platform = {
      tokens,
      databaseUrl,
      apiPid: api.pid ?? 0,
      graderPid: grader.pid ?? 0,
      redisPid: await redisServerPid(),
    };
    const phases: Phase[] = [];
    if (languages.includes("typescript")) {
      await runPhase("warm-up", platform, 20, 20);
      // Latency is measured at a rate the pipeline sustains (queueing would dominate above it); throughput in a burst.
      const rate = Number(process.env.BENCH_GRADING_RATE ?? 50);
      phases.push(await runPhase(`paced, ${rate}/s`, platform, SUBMISSIONS, rate));
      phases.push(await runPhase("burst", platform, SUBMISSIONS, Number.POSITIVE_INFINITY));
    }
    if (languages.includes("python")) {
      await runPhase("python warm-up", platform, 20, 20, PYTHON);
      // The target: p50 ≤ 60 ms at 25 Python submissions/s on 2 cores.
      const rate = Number(process.env.BENCH_PYTHON_RATE ?? 25);
      phases.push(await runPhase(`python paced, ${rate}/s`, platform, SUBMISSIONS, rate, PYTHON));
      phases.push(await runPhase("python burst", platform, SUBMISSIONS, Number.POSITIVE_INFINITY, PYTHON));
    }
    const overhead = languages.includes("typescript") ? await measureSandboxOverhead() : null;
    const pythonOverhead = languages.includes("python") ? await measurePythonOverhead() : null;

    console.log(
      `\nGrading benchmark: ${SUBMISSIONS} matmul submissions per phase (${WRONG_SHARE * 100}% wrong), API + 1 grader (${process.env.GRADER_CONCURRENCY ?? 2} slots)`,
    );
    console.table(
      Object.fromEntries(
        phases.map((phase) => [
          phase.name,
          {
            "verdicts/s": Number(phase.throughput.toFixed(1)),
            "submit→verdict p50": formatMs(phase.p50),
            "submit→verdict p95": formatMs(phase.p95),
            accepted: phase.accepted,
            wrong: phase.wrong,
            other: phase.other,
            "type check skipped": phase.typeCheckSkipped,
            "perf ratio p50": Number(phase.perfRatioP50.toFixed(2)),
            "no ratio (unstable)": phase.perfWithheld,
          },
        ]),
      ),
    );
    console.log("CPU per verdict (ms) of each part of the platform, from /proc (Redis: the whole server, shared):");
    console.table(
      Object.fromEntries(
        phases.map((phase) => [
          phase.name,
          {
            API: round1(phase.cpuMsPerVerdict.api),
            "grader + sandboxes": round1(phase.cpuMsPerVerdict.grader),
            "Postgres backends": round1(phase.cpuMsPerVerdict.postgres),
            Redis: round1(phase.cpuMsPerVerdict.redis),
            total: round1(totalCpu(phase.cpuMsPerVerdict)),
          },
        ]),
      ),
    );
    console.log(
      `The process-per-submission peer (bench/peer: a fresh process per submission, each test once, no sandbox, ` +
        `no perf ratio; ${process.env.BENCH_PEER_CONCURRENCY ?? availableParallelism()} at a time) on the same submissions, against the platform's burst:`,
    );
    console.table(
      Object.fromEntries(
        [...peers].map(([language, peer]) => {
          const burst = phases.find((phase) => phase.language === language && phase.burst);
          const paced = phases.find((phase) => phase.language === language && !phase.burst);
          const ratio = burst ? burst.throughput / peer.throughput : null;
          return [
            language,
            {
              "peer verdicts/s": round1(peer.throughput),
              "platform burst verdicts/s": burst ? round1(burst.throughput) : null,
              "platform / peer": ratio === null ? null : Number(ratio.toFixed(2)),
              [`≥ ${TARGET_PEER_RATIO}× peer`]: ratio === null ? null : ratio >= TARGET_PEER_RATIO ? "yes" : "NO",
              "peer CPU ms/verdict": round1(peer.cpuMsPerVerdict),
              "platform CPU ms/verdict (burst)": burst ? round1(totalCpu(burst.cpuMsPerVerdict)) : null,
              "peer / platform CPU": burst
                ? Number((peer.cpuMsPerVerdict / totalCpu(burst.cpuMsPerVerdict)).toFixed(2))
                : null,
              "peer time per submission p50": formatMs(peer.p50),
              "platform submit→verdict p50 (paced)": paced ? formatMs(paced.p50) : null,
              "peer accepted / wrong / other": `${peer.accepted} / ${peer.wrong} / ${peer.other}`,
            },
          ];
        }),
      ),
    );
    if (overhead) {
      console.log("Sandbox overhead per submission (median):");
      console.table(overhead);
    }
    if (pythonOverhead) {
      console.log(
        `Python sandbox overhead per submission (median of ${pythonOverhead.runs}): fork from the warm zygote, ` +
          `limits, parse and check, load, one call, exit report ${pythonOverhead.submissionMs.toFixed(2)} ms ` +
          `(of which CPU in the child ${pythonOverhead.submissionCpuMs.toFixed(2)} ms; ` +
          `each further test ${pythonOverhead.callMs.toFixed(2)} ms)`,
      );
    }
  } finally {
    const exited = [api, grader].map((child) => (child.exitCode === null ? once(child, "exit") : null));
    api.kill("SIGTERM");
    grader.kill("SIGTERM");
    await Promise.all(exited);
    // The bench's queue, jobs and rate-limit logs (~1,000 keys a run) go with it.
    await deleteNamespace(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", prefix);
  }
}

if (import.meta.main) await runGradingBench();
