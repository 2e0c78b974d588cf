import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { spawnNode } from "../helpers/child-processes.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { SUBMIT, SWEEPER_OFF } from "../helpers/grading.ts";
import { freePort } from "../helpers/ports.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";

// `npm start` as a terminal runs it: npm, the supervisor, the API and a grader, stopped with Ctrl-C (SIGINT
// to the process group npm leads). The test's own API shares the platform's database, Redis and queue.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// Correct softmax that spends ~150 ms of CPU per call: grading takes seconds, long enough to stop mid-way.
// Each call spins 700 ms of wall time (150 ms let a busy machine finish the whole job before the second Ctrl-C,
// 1.5 s after the first), so the job is still running whenever the test's signals arrive.
const SLOW_SOFTMAX = `
export function softmax(x: number[][]): number[][] {
  const until = Date.now() + 700;
  while (Date.now() < until) {}
  return x.map((row) => {
    const max = Math.max(...row);
    const exps = row.map((v) => Math.exp(v - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / sum);
  });
}`;

let t: TestApi;
let slug: string;
beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000", SUBMIT_RATE_LIMIT_PER_MINUTE: "1000" });
  slug = await createCodingQuestion(t.db, "softmax");
});
afterAll(async () => {
  await deleteNamespace(t.config.REDIS_URL, t.config.REDIS_PREFIX);
  await t.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment of the platform's processes: the test API's database, Redis and queue; logs at info. */
function platformEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: t.config.DATABASE_URL,
    REDIS_URL: t.config.REDIS_URL,
    REDIS_PREFIX: t.config.REDIS_PREFIX,
    HOST: "127.0.0.1",
    GRADER_COUNT: "1",
    GRADER_CONCURRENCY: "1",
    GRADER_METRICS_PORT: "0",
    SWEEP_INTERVAL_MS: SWEEPER_OFF,
    LOG_LEVEL: "info",
  };
}

type Watched = { output: () => string; exited: Promise<{ code: number | null; signal: string | null }> };

/** What a child prints (stdout and stderr) and how it exits. */
function watch(child: ChildProcess): Watched {
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { output: () => output, exited };
}

/** Waits until the child has printed a log line whose message is `message`. */
async function untilLogged(child: Watched, message: string): Promise<void> {
  for (let attempt = 0; attempt < 1200; attempt++) {
    if (child.output().includes(`"msg":"${message}"`)) return;
    await sleep(50);
  }
  throw new Error(`never logged "${message}"`);
}

async function startPlatform(): Promise<Watched & { npm: ChildProcess }> {
  const npm = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    detached: true, // npm leads a process group, as in a terminal
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...platformEnv(), PORT: String(await freePort()) },
  });
  return { npm, ...watch(npm) };
}

/** Whatever is left of the platform's process group after a failed test. */
function stopAll(npm: ChildProcess): void {
  if (npm.exitCode !== null || npm.signalCode !== null) return;
  try {
    process.kill(-(npm.pid ?? 0), "SIGKILL");
  } catch {
    // already gone
  }
}

/** A failed check, with what the platform printed: without it a failure says nothing of what the platform did. */
function withPlatformOutput(error: unknown, output: string): Error {
  const failure = error instanceof Error ? error : new Error(String(error));
  failure.message += `\n--- what the platform printed ---\n${output.slice(-6000)}`;
  return failure;
}

async function untilStatus(id: string, status: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if ((await t.db.submission.findUniqueOrThrow({ where: { id } })).status === status) return;
    await sleep(50);
  }
  throw new Error(`submission ${id} never became ${status}`);
}

async function submitSlow(): Promise<string> {
  const learner = await signUpUser(t);
  const input = { slug, language: "TYPESCRIPT", code: SLOW_SOFTMAX };
  const submitted = await t.gql<{ submitSolution: { id: string } }>(SUBMIT, { input }, learner.token);
  const id = submitted.data?.submitSolution.id;
  if (!id) throw new Error(JSON.stringify(submitted.errors));
  return id;
}

describe("stopping `npm start` with Ctrl-C", () => {
  it("lets the running grading finish: one stop, no second-signal exit", async () => {
    const platform = await startPlatform();
    try {
      // A grader takes seconds to start on a busy machine (> 20 s seen): submitted before it is ready, the
      // submission could wait long enough for another test file's grader to sweep it up.
      await untilLogged(platform, "grader ready");
      const id = await submitSlow();
      await untilStatus(id, "RUNNING");
      process.kill(-(platform.npm.pid ?? 0), "SIGINT");
      await platform.exited;
      const submission = await t.db.submission.findUniqueOrThrow({ where: { id } });
      expect(submission.status).toBe("FINISHED");
      expect(submission.verdict).toBe("ACCEPTED");
      expect(platform.output()).not.toMatch(/second signal|stopping now/);
    } catch (error) {
      throw withPlatformOutput(error, platform.output());
    } finally {
      stopAll(platform.npm);
    }
  }, 90_000);

  it("hands the running job back to the queue at once on a second Ctrl-C", async () => {
    const platform = await startPlatform();
    try {
      // A grader takes seconds to start on a busy machine (> 20 s seen): submitted before it is ready, the
      // submission could wait long enough for another test file's grader to sweep it up.
      await untilLogged(platform, "grader ready");
      const id = await submitSlow();
      await untilStatus(id, "RUNNING");
      process.kill(-(platform.npm.pid ?? 0), "SIGINT");
      await sleep(1500);
      process.kill(-(platform.npm.pid ?? 0), "SIGINT");
      await platform.exited;
      const job = await t.services.gradeQueue.getJob(id);
      expect(await job?.getState()).toBe("waiting");
      expect(platform.output()).toMatch(/running jobs handed back to the queue/);
      await job?.remove();
    } catch (error) {
      throw withPlatformOutput(error, platform.output());
    } finally {
      stopAll(platform.npm);
    }
  }, 90_000);
});

describe("stopping a grader while it starts", () => {
  it("stops it cleanly once started (it listens for signals from its first line of work)", async () => {
    const script = fileURLToPath(new URL("../../workers/grader.ts", import.meta.url));
    const grader = spawnNode(["--no-node-snapshot", script], {
      stdio: ["ignore", "pipe", "pipe"],
      env: platformEnv(),
    });
    const watched = watch(grader);
    try {
      await untilLogged(watched, "grader starting");
      // Its executors and Python zygotes take a second or more to start: the signal comes while they do.
      grader.kill("SIGTERM");
      expect(await watched.exited).toEqual({ code: 0, signal: null });
      expect(watched.output()).toMatch(/"msg":"shutting down"/);
    } catch (error) {
      throw withPlatformOutput(error, watched.output());
    } finally {
      if (grader.exitCode === null && grader.signalCode === null) grader.kill("SIGKILL");
    }
  }, 90_000);
});
