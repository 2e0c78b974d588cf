// `npm run drill`: the four fault drills of the hardening review, on a private Redis (a redis-server of
// its own on a free port) and a private database, against real grader processes:
//   1. executor SIGKILL mid-job, 2. grader SIGKILL mid-batch, 3. Redis stopped and restarted empty during
//   submits, 4. two graders on one queue.
// Prints, per drill, submissions in / verdicts out / graded twice, and exits non-zero unless every drill
// lost nothing and graded nothing twice. Bounded in time; removes its database, Redis and processes.

import { randomBytes } from "node:crypto";
import { type RunningApi, startApiServer } from "../src/app/server.ts";
import { type OwnedServices, openServices } from "../src/app/services.ts";
import { loadConfig } from "../src/config.ts";
import type { Db } from "../src/db.ts";
import { getKernel } from "../src/problems/registry.ts";
import { createCodingQuestion } from "../test/helpers/fixtures.ts";
import { createPrivateDatabase, dropDatabase } from "./database.ts";
import { GraderProcess, type WriteLedger } from "./drill/grader-process.ts";
import { type PrivateRedis, startPrivateRedis } from "./drill/private-redis.ts";
import { postGraphql } from "./graphql-client.ts";

const KERNEL = "matmul";
/** Whole run: four drills of at most DRILL_TIMEOUT_MS each, plus set-up and clean-up. */
const RUN_TIMEOUT_MS = 10 * 60_000;
/**
 * Each drill waits this long for its verdicts. The slowest recovery is a job that was RUNNING when Redis
 * restarted empty: the sweeper re-enqueues a RUNNING row after max(4 × lock, 60 s) (workers/grader/run.ts).
 */
const DRILL_TIMEOUT_MS = 150_000;
// Short locks so a killed grader's jobs are taken over within seconds (production default: 30 s).
const GRADER_LOCK_MS = "5000";

type DrillReport = {
  name: string;
  submitted: number;
  verdicts: number;
  gradedTwice: number;
  /** Attempts the learner's progress counted: one per verdict, never more. */
  progressCounted: number;
  verdictCounts: Record<string, number>;
  seconds: number;
  notes: string[];
};

type World = {
  databaseUrl: string;
  redis: PrivateRedis;
  services: OwnedServices;
  api: RunningApi;
  db: Db;
  /** The published coding question every drill submits to. */
  slug: string;
  graderEnv: NodeJS.ProcessEnv;
  graders: GraderProcess[];
};

type Drill = {
  name: string;
  /** Submits, injects the fault, and returns the submission ids; the harness waits for their verdicts. */
  run(world: World, learner: Learner, ledger: WriteLedger, notes: string[]): Promise<string[]>;
};

type Learner = { id: string; token: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function gql<T>(world: World, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  return postGraphql<T>(world.api.url, query, variables, token);
}

async function signUp(world: World, name: string): Promise<Learner> {
  const suffix = `${name}-${randomBytes(3).toString("hex")}`;
  const data = await gql<{ signUp: { token: string; user: { id: string } } }>(
    world,
    `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`,
    { input: { email: `${suffix}@drill.invalid`, handle: suffix.replaceAll("-", "_"), password: "drill password 1" } },
  );
  return { id: data.signUp.user.id, token: data.signUp.token };
}

/** Submits a correct solution (each text distinct, as learners' are); resolves to the submission id. */
async function submit(world: World, learner: Learner, label: string): Promise<string> {
  const code = `${getKernel(KERNEL)?.solutionCode ?? ""}\n// drill ${label}\n`;
  const data = await gql<{ submitSolution: { id: string } }>(
    world,
    `mutation($input: SubmitSolutionInput!) { submitSolution(input: $input) { id } }`,
    { input: { slug: world.slug, language: "TYPESCRIPT", code } },
    learner.token,
  );
  return data.submitSolution.id;
}

function submitMany(world: World, learner: Learner, count: number, label: string): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => submit(world, learner, `${label}-${index}`)));
}

function startGrader(world: World, name: string, ledger: WriteLedger): GraderProcess {
  const grader = new GraderProcess(name, world.graderEnv, ledger);
  world.graders.push(grader);
  return grader;
}

async function countByStatus(db: Db, ids: readonly string[], status: "RUNNING" | "FINISHED"): Promise<number> {
  return db.submission.count({ where: { id: { in: [...ids] }, status } });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(100);
  }
  return false;
}

const drills: Drill[] = [
  {
    name: "executor SIGKILL mid-job",
    async run(world, learner, ledger, notes) {
      const grader = startGrader(world, "grader-a", ledger);
      const ids = await submitMany(world, learner, 12, "executor");
      let kills = 0;
      for (let round = 0; round < 3; round++) {
        await waitFor(async () => (await countByStatus(world.db, ids, "RUNNING")) > 0, 30_000);
        for (const pid of grader.executorPids()) {
          try {
            process.kill(pid, "SIGKILL");
            kills++;
          } catch {
            // It exited between the listing and the kill.
          }
        }
        await sleep(1500);
      }
      notes.push(`${kills} executor processes killed`);
      return ids;
    },
  },
  {
    name: "grader SIGKILL mid-batch",
    async run(world, learner, ledger, notes) {
      const doomed = startGrader(world, "grader-b1", ledger);
      const ids = await submitMany(world, learner, 12, "grader");
      await waitFor(
        async () =>
          (await countByStatus(world.db, ids, "FINISHED")) >= 2 && (await countByStatus(world.db, ids, "RUNNING")) >= 2,
        60_000,
      );
      const running = await countByStatus(world.db, ids, "RUNNING");
      await doomed.kill();
      notes.push(`grader killed with ${running} submissions RUNNING`);
      startGrader(world, "grader-b2", ledger);
      return ids;
    },
  },
  {
    name: "Redis stopped and restarted empty during submits",
    async run(world, learner, ledger, notes) {
      startGrader(world, "grader-c", ledger);
      const ids: string[] = [];
      const spaced = async (count: number, label: string) => {
        for (let index = 0; index < count; index++) {
          ids.push(await submit(world, learner, `${label}-${index}`));
          await sleep(200);
        }
      };
      await spaced(5, "before");
      await world.redis.crash();
      await spaced(4, "down");
      await world.redis.start();
      await spaced(5, "after");
      notes.push("4 submitted while Redis was down");
      return ids;
    },
  },
  {
    name: "two graders on one queue",
    async run(world, learner, ledger) {
      startGrader(world, "grader-d1", ledger);
      startGrader(world, "grader-d2", ledger);
      return submitMany(world, learner, 20, "two");
    },
  },
];

async function runDrill(world: World, drill: Drill): Promise<DrillReport> {
  const started = performance.now();
  const learner = await signUp(world, "drill");
  const ledger: WriteLedger = new Map();
  const notes: string[] = [];
  const ids = await drill.run(world, learner, ledger, notes);
  await waitFor(async () => (await countByStatus(world.db, ids, "FINISHED")) === ids.length, DRILL_TIMEOUT_MS);
  const finished = await world.db.submission.findMany({
    where: { id: { in: ids }, status: "FINISHED" },
    select: { verdict: true },
  });
  const verdictCounts: Record<string, number> = {};
  for (const { verdict } of finished) verdictCounts[String(verdict)] = (verdictCounts[String(verdict)] ?? 0) + 1;
  const progress = await world.db.progress.findMany({ where: { userId: learner.id }, select: { attempts: true } });
  await Promise.all(world.graders.splice(0).map((grader) => grader.stop()));
  return {
    name: drill.name,
    submitted: ids.length,
    verdicts: finished.length,
    gradedTwice: [...ledger.values()].filter((writes) => writes > 1).length,
    progressCounted: progress.reduce((sum, row) => sum + row.attempts, 0),
    verdictCounts,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    notes,
  };
}

function failuresOf(report: DrillReport): string[] {
  const failures: string[] = [];
  if (report.verdicts < report.submitted) failures.push(`${report.submitted - report.verdicts} lost`);
  if (report.gradedTwice > 0) failures.push(`${report.gradedTwice} graded twice`);
  if (report.progressCounted !== report.verdicts) {
    failures.push(`progress counted ${report.progressCounted} attempts for ${report.verdicts} verdicts`);
  }
  const accepted = report.verdictCounts.ACCEPTED ?? 0;
  if (accepted < report.verdicts) failures.push(`${report.verdicts - accepted} correct solutions not ACCEPTED`);
  return failures;
}

async function openWorld(): Promise<{ world: World; close(): Promise<void> }> {
  const serverUrl =
    process.env.DRILL_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const databaseUrl = await createPrivateDatabase(serverUrl, `infra_dojo_drill_${process.pid}`);
  const cleanups: (() => Promise<void>)[] = [() => dropDatabase(databaseUrl)];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
  };
  try {
    const redis = await startPrivateRedis();
    cleanups.push(() => redis.crash());
    const prefix = "drill";
    const config = loadConfig({
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      SUBMIT_RATE_LIMIT_PER_MINUTE: "100000",
      AUTH_RATE_LIMIT_PER_MINUTE: "1000",
      USER_COST_BUDGET_PER_MINUTE: "100000000",
    });
    const services = openServices(config, "drill-api");
    cleanups.push(() => services.close());
    const api = await startApiServer(services);
    cleanups.push(() => api.close());
    const slug = await createCodingQuestion(services.db, KERNEL, { timeLimitMs: 4000, memoryLimitMb: 128 });
    const graderEnv: NodeJS.ProcessEnv = {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      HOST: "127.0.0.1",
      GRADER_CONCURRENCY: "2",
      GRADER_METRICS_PORT: "0",
      GRADER_LOCK_MS,
      SWEEP_INTERVAL_MS: "1000",
    };
    const world: World = { databaseUrl, redis, services, api, db: services.db, slug, graderEnv, graders: [] };
    // Graders go first at close: they hold connections to the database being dropped.
    cleanups.push(async () => {
      await Promise.all(world.graders.splice(0).map((grader) => grader.kill()));
    });
    return { world, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function main(): Promise<number> {
  const { world, close } = await openWorld();
  const hardStop = setTimeout(() => {
    console.error(`drill: over ${RUN_TIMEOUT_MS / 60_000} min, stopping`);
    void close().finally(() => process.exit(2));
  }, RUN_TIMEOUT_MS);
  const stopOnSignal = () => void close().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  const reports: DrillReport[] = [];
  try {
    for (const drill of drills) {
      console.log(`drill: ${drill.name} …`);
      reports.push(await runDrill(world, drill));
    }
  } finally {
    clearTimeout(hardStop);
    await close();
  }
  let failed = false;
  console.log("\ndrill                                               in  out  twice  progress  verdicts            s");
  for (const report of reports) {
    const failures = failuresOf(report);
    failed ||= failures.length > 0;
    const verdicts = Object.entries(report.verdictCounts)
      .map(([verdict, count]) => `${verdict}:${count}`)
      .join(" ");
    console.log(
      `${report.name.padEnd(50)} ${String(report.submitted).padStart(3)} ${String(report.verdicts).padStart(4)} ${String(report.gradedTwice).padStart(6)} ${String(report.progressCounted).padStart(9)}  ${verdicts.padEnd(18)} ${String(report.seconds).padStart(5)}`,
    );
    for (const note of report.notes) console.log(`    ${note}`);
    for (const failure of failures) console.log(`    FAILED: ${failure}`);
  }
  const lost = reports.reduce((sum, report) => sum + report.submitted - report.verdicts, 0);
  const twice = reports.reduce((sum, report) => sum + report.gradedTwice, 0);
  console.log(`\n${failed ? "FAILED" : "OK"}: ${lost} lost, ${twice} graded twice`);
  return failed ? 1 : 0;
}

// `npm run drill -- fleet`: the several-APIs drill (bench/drill-fleet.ts) instead of the four above.
const run = process.argv[2] === "fleet" ? (await import("./drill-fleet.ts")).runFleetDrill : main;
run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
