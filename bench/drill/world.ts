// What every drill shares: a private database, a Redis of the drill's own (one server or a cluster), the API in
// this process, grader processes, learners that submit through the API, and a bounded run that removes it all.
import { randomBytes } from "node:crypto";
import { type RunningApi, startApiServer } from "../../src/app/server.ts";
import { type OwnedServices, openServices } from "../../src/app/services.ts";
import { loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db.ts";
import { getKernel } from "../../src/problems/registry.ts";
import { createCodingQuestion } from "../../test/helpers/fixtures.ts";
import { createPrivateDatabase, dropDatabase } from "../database.ts";
import { postGraphql } from "../graphql-client.ts";
import { GraderProcess, type WriteLedger } from "./grader-process.ts";
import { LogTally } from "./log-tally.ts";

export const KERNEL = "matmul";
/** Short locks so a killed grader's jobs are taken over within seconds (production default: 30 s). */
const GRADER_LOCK_MS = "5000";
/** Every drill's key prefix (on a cluster the queue's is the hash tag `{drill}`). */
export const DRILL_PREFIX = "drill";

/** Where the drill's Redis is, as environment variables (REDIS_URL, or REDIS_CLUSTER_NODES), and how to remove it. */
export type DrillRedis = { env: Record<string, string>; stop(): Promise<void> };

export type World = {
  databaseUrl: string;
  services: OwnedServices;
  api: RunningApi;
  db: Db;
  /** The published coding question every drill submits to. */
  slug: string;
  graderEnv: NodeJS.ProcessEnv;
  graders: GraderProcess[];
  /** Warnings and errors the API (at `apiLogLevel`) and the graders logged. */
  logTally: LogTally;
};

export type Learner = { id: string; token: string };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function gql<T>(world: World, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  return postGraphql<T>(world.api.url, query, variables, token);
}

export async function signUp(world: World, name: string): Promise<Learner> {
  const suffix = `${name}-${randomBytes(3).toString("hex")}`;
  const data = await gql<{ signUp: { token: string; user: { id: string } } }>(
    world,
    `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`,
    { input: { email: `${suffix}@drill.invalid`, handle: suffix.replaceAll("-", "_"), password: "drill password 1" } },
  );
  return { id: data.signUp.user.id, token: data.signUp.token };
}

/**
 * Submits a correct solution (each text distinct, as learners' are) as a full grading, or with `samples` through
 * runSamples; resolves to the submission id.
 */
export async function submit(
  world: World,
  learner: Learner,
  label: string,
  mutation: "submitSolution" | "runSamples" = "submitSolution",
): Promise<string> {
  const code = `${getKernel(KERNEL)?.solutionCode ?? ""}\n// drill ${label}\n`;
  const data = await gql<Record<string, { id: string }>>(
    world,
    `mutation($input: SubmitSolutionInput!) { ${mutation}(input: $input) { id } }`,
    { input: { slug: world.slug, language: "TYPESCRIPT", code } },
    learner.token,
  );
  const created = data[mutation];
  if (!created) throw new Error(`${mutation} returned no submission`);
  return created.id;
}

export function submitMany(world: World, learner: Learner, count: number, label: string): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => submit(world, learner, `${label}-${index}`)));
}

export function startGrader(world: World, name: string, ledger: WriteLedger): GraderProcess {
  const grader = new GraderProcess(name, world.graderEnv, ledger, world.logTally);
  world.graders.push(grader);
  return grader;
}

export async function countByStatus(db: Db, ids: readonly string[], status: "RUNNING" | "FINISHED"): Promise<number> {
  return db.submission.count({ where: { id: { in: [...ids] }, status } });
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(100);
  }
  return false;
}

/**
 * Opens the drill's world on a Redis that `startRedis` starts: a private database, the API in this process (rate
 * limits far above the drill's pace; its log, at `apiLogLevel`, goes to the world's tally) and the environment
 * grader processes are started with. `close` removes
 * everything in reverse order (graders, API, Redis, database) and logs what it could not remove.
 */
export async function openWorld(
  startRedis: () => Promise<DrillRedis>,
  options: { apiLogLevel?: "silent" | "warn" } = {},
): Promise<{ world: World; close(): Promise<void> }> {
  const logTally = new LogTally();
  const serverUrl =
    process.env.DRILL_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const databaseUrl = await createPrivateDatabase(serverUrl, `infra_dojo_drill_${process.pid}`);
  const cleanups: (() => Promise<void>)[] = [() => dropDatabase(databaseUrl)];
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
    })();
    return closing;
  };
  try {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const config = loadConfig({
      ...process.env,
      ...redis.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      REDIS_PREFIX: DRILL_PREFIX,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: options.apiLogLevel ?? "silent",
      SUBMIT_RATE_LIMIT_PER_MINUTE: "100000",
      SAMPLE_RATE_LIMIT_PER_MINUTE: "100000",
      AUTH_RATE_LIMIT_PER_MINUTE: "1000",
      USER_COST_BUDGET_PER_MINUTE: "100000000",
    });
    const services = openServices(config, "drill-api", { logDestination: logTally.destination() });
    cleanups.push(() => services.close());
    const api = await startApiServer(services);
    cleanups.push(() => api.close());
    const slug = await createCodingQuestion(services.db, KERNEL, { timeLimitMs: 4000, memoryLimitMb: 128 });
    const graderEnv: NodeJS.ProcessEnv = {
      ...redis.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      REDIS_PREFIX: DRILL_PREFIX,
      HOST: "127.0.0.1",
      GRADER_CONCURRENCY: "2",
      GRADER_METRICS_PORT: "0",
      GRADER_LOCK_MS,
      SWEEP_INTERVAL_MS: "1000",
    };
    const world: World = { databaseUrl, services, api, db: services.db, slug, graderEnv, graders: [], logTally };
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

/**
 * Runs `body` within `timeoutMs`, and `close` whatever happens: at the end, on a failure, on SIGINT/SIGTERM, or
 * when the time is up (exit code 2). Resolves to body's exit code.
 */
export async function runBounded(
  name: string,
  timeoutMs: number,
  close: () => Promise<void>,
  body: () => Promise<number>,
): Promise<number> {
  const hardStop = setTimeout(() => {
    console.error(`${name}: over ${timeoutMs / 60_000} min, stopping`);
    void close().finally(() => process.exit(2));
  }, timeoutMs);
  const stopOnSignal = () => void close().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    return await body();
  } finally {
    clearTimeout(hardStop);
    await close();
  }
}
