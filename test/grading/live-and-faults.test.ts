import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { getKernel } from "../../src/problems/registry.ts";
import type { RunningGrader } from "../../workers/grader/run.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { spawnNode, stopChild } from "../helpers/child-processes.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { SUBMIT, SWEEP_EACH_SECOND, SWEEPER_OFF, startTestGrader, waitForVerdict } from "../helpers/grading.ts";
import { createScratchDatabase } from "../helpers/scratch-database.ts";

let t: TestApi;
let slug: string;
const solution = () => getKernel("softmax")?.solutionCode ?? "";

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000", SUBMIT_RATE_LIMIT_PER_MINUTE: "1000" });
  slug = await createCodingQuestion(t.db, "softmax", { timeLimitMs: 4000 });
});
afterAll(async () => {
  await t.close();
});

function wsClient(token: string) {
  return createClient({
    url: t.api.url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
}

type Update = { id: string; status: string; verdict: string | null };

/** Collects every event of one subscription until it completes or fails. */
function follow(token: string, id: string): { events: Update[]; done: Promise<{ error?: unknown }> } {
  const client = wsClient(token);
  const events: Update[] = [];
  const done = new Promise<{ error?: unknown }>((resolve) => {
    client.subscribe<{ submissionUpdated: Update }>(
      { query: `subscription($id: ID!) { submissionUpdated(id: $id) { id status verdict } }`, variables: { id } },
      {
        next: (message) => {
          if (message.data) events.push(message.data.submissionUpdated);
          if (message.errors) resolve({ error: message.errors });
        },
        error: (error) => resolve({ error }),
        complete: () => resolve({}),
      },
    );
  }).finally(() => client.dispose());
  return { events, done };
}

async function submit(api: TestApi, token: string, code: string, questionSlug = slug): Promise<string> {
  const result = await api.gql<{ submitSolution: { id: string; status: string } }>(
    SUBMIT,
    { input: { slug: questionSlug, language: "TYPESCRIPT", code } },
    token,
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  expect(result.data.submitSolution.status).toBe("QUEUED");
  return result.data.submitSolution.id;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("live updates", () => {
  it("streams QUEUED, RUNNING, FINISHED to the owner and refuses another user", async () => {
    const owner = await signUpUser(t);
    const stranger = await signUpUser(t);
    // No grader yet: the submission waits in the queue, so the first event is QUEUED.
    const id = await submit(t, owner.token, solution());
    const live = follow(owner.token, id);
    await waitFor(async () => live.events.length > 0, 5000, "the first event");

    const refused = follow(stranger.token, id);
    const refusal = await refused.done;
    expect(JSON.stringify(refusal.error)).toContain("FORBIDDEN");
    expect(refused.events).toEqual([]);

    const grader = await startTestGrader(t);
    try {
      const outcome = await live.done;
      expect(outcome.error).toBeUndefined();
      expect(live.events.map((event) => event.status)).toEqual(["QUEUED", "RUNNING", "FINISHED"]);
      expect(live.events.at(-1)?.verdict).toBe("ACCEPTED");
    } finally {
      await grader.close();
    }
  });

  it("refuses an anonymous subscription", async () => {
    const client = createClient({ url: t.api.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    const result = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `subscription { submissionUpdated(id: "00000000-0000-0000-0000-000000000000") { id } }` },
        { next: (message) => resolve(message.errors), error: resolve, complete: () => resolve(null) },
      );
    });
    await client.dispose();
    expect(JSON.stringify(result)).toContain("UNAUTHENTICATED");
  });
});

describe("faults", () => {
  it("accepts a submission while Redis is down and grades it once Redis is reachable", async () => {
    // A database of its own: the sweeper this test needs re-enqueues every QUEUED row older than 5 s into its
    // grader's queue, and other test files leave theirs in the shared one (submissions no grader of theirs takes).
    const scratch = await createScratchDatabase("redis_down_sweep");
    const own = await startTestApi({ DATABASE_URL: scratch.url, SUBMIT_RATE_LIMIT_PER_MINUTE: "1000" });
    try {
      const ownSlug = await createCodingQuestion(own.db, "softmax", { timeLimitMs: 4000 });
      const learner = await signUpUser(own);
      // An API whose Redis is unreachable (nothing listens on that port): the outbox row is still committed.
      const cutOff = await startTestApi({
        DATABASE_URL: scratch.url,
        REDIS_URL: "redis://127.0.0.1:1",
        REDIS_PREFIX: own.config.REDIS_PREFIX,
      });
      let id: string;
      try {
        id = await submit(cutOff, learner.token, solution(), ownSlug);
      } finally {
        await cutOff.close();
      }
      const row = await own.db.submission.findUniqueOrThrow({ where: { id } });
      expect(row.status).toBe("QUEUED");
      expect(await own.services.gradeQueue.getJob(id)).toBeUndefined();

      // Nothing enqueued it: the sweeper does (its outbox's second half).
      const grader: RunningGrader = await startTestGrader(own, { SWEEP_INTERVAL_MS: SWEEP_EACH_SECOND });
      try {
        const verdict = await waitForVerdict(own, id, learner.token, 90_000);
        expect(verdict.verdict).toBe("ACCEPTED");
        // How many times it was started depends on the machine's load (a starved grader's job can stall and be
        // handed out again); that it counts once in the learner's progress does not.
        const question = await own.db.question.findUniqueOrThrow({ where: { slug: ownSlug } });
        const progress = await own.db.progress.findUniqueOrThrow({
          where: { userId_questionId: { userId: learner.id, questionId: question.id } },
        });
        expect(progress.attempts).toBe(1);
      } finally {
        await grader.close();
      }
    } finally {
      await own.close();
      await scratch.drop();
    }
    // A grader start-up (executors, type-check thread) on a machine with both cores busy took > 20 s: a bound
    // for a loaded machine, not a budget. Jest's default 30 s let the test time out with its grader still
    // running, which then took the next test's job.
  }, 120_000);

  it("finishes a job whose grader was SIGKILLed mid-run, writing the verdict once", async () => {
    const learner = await signUpUser(t);
    // Correct but slow: each of its 10 calls spins for 700 ms of wall time, so the job is still mid-run when the
    // test, however starved of CPU, has seen it RUNNING and killed its grader (250 ms let a loaded machine finish).
    const slow = `function spin(ms: number): void { const end = Date.now() + ms; while (Date.now() < end) {} }
function softmax(x: number[][]): number[][] {
  spin(700);
  return x.map((row) => {
    const max = Math.max(...row);
    const e = row.map((v) => Math.exp(v - max));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / total);
  });
}`;
    const env = {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: t.config.DATABASE_URL,
      REDIS_URL: t.config.REDIS_URL,
      REDIS_PREFIX: t.config.REDIS_PREFIX,
      QUEUE_NAME: t.config.QUEUE_NAME,
      LOG_LEVEL: "silent",
      GRADER_CONCURRENCY: "1",
      GRADER_METRICS_PORT: "0",
      GRADER_LOCK_MS: "1500",
      SWEEP_INTERVAL_MS: SWEEPER_OFF,
    };
    const script = fileURLToPath(new URL("../../workers/grader.ts", import.meta.url));
    const graders: ChildProcess[] = [];
    const spawnGrader = (): ChildProcess => {
      const grader = spawnNode(["--no-node-snapshot", script], { env, stdio: "ignore" });
      graders.push(grader);
      return grader;
    };

    try {
      const first = spawnGrader();
      const id = await submit(t, learner.token, slow);
      await waitFor(
        async () => (await t.db.submission.findUniqueOrThrow({ where: { id } })).status === "RUNNING",
        60_000,
        "RUNNING",
      );
      await stopChild(first, "SIGKILL");

      spawnGrader();
      const verdict = await waitForVerdict(t, id, learner.token, 90_000);
      expect(verdict.verdict).toBe("ACCEPTED");
      expect(verdict.attempts).toBeGreaterThanOrEqual(2);
      const question = await t.db.question.findUniqueOrThrow({ where: { slug } });
      const progress = await t.db.progress.findUniqueOrThrow({
        where: { userId_questionId: { userId: learner.id, questionId: question.id } },
      });
      expect(progress.attempts).toBe(1);
    } finally {
      // Whatever failed above, no grader (and none of its executors) outlives the test.
      await Promise.all(graders.map((grader) => stopChild(grader)));
    }
    // Two grader start-ups and two slow runs: a bound for a loaded machine, not a budget.
  }, 180_000);
});
