// The grader's two ways of giving up, against the real Postgres and Redis: the sweeper after the maximum number of
// grading starts, and the worker once BullMQ's retries are exhausted. Both must leave the learner a verdict.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { type Config, loadConfig } from "../../src/config.ts";
import { createDb, type Db } from "../../src/db.ts";
import type { CodingProblem, Prisma, Submission } from "../../src/generated/prisma/client.ts";
import { enqueueSubmission, type GradeJobData } from "../../src/grading/queue.ts";
import { createLogger } from "../../src/logger.ts";
import { createRedis, openGradeQueue } from "../../src/redis.ts";
import { type SweeperDeps, sweepOnce } from "../../workers/grader/sweeper.ts";
import { testDatabaseUrl, testRedisPrefix, testRedisUrl } from "../helpers/env.ts";
import { createCodingQuestion, createLearner } from "../helpers/fixtures.ts";
import { startTestGrader } from "../helpers/grading.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";

const log = createLogger("silent", "grader-error-paths-test");
let config: Config;
let db: Db;
let redis: Redis;
let queue: Queue<GradeJobData>;
let problem: CodingProblem;

beforeAll(async () => {
  config = loadConfig({
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: testRedisPrefix("error-paths"),
    LOG_LEVEL: "silent",
  });
  db = createDb({ url: config.DATABASE_URL, poolSize: 4 });
  redis = createRedis(config.REDIS_URL);
  queue = openGradeQueue(config, log);
  const slug = await createCodingQuestion(db, "softmax");
  problem = await db.codingProblem.findFirstOrThrow({ where: { question: { slug } } });
});
afterAll(async () => {
  await queue.close();
  redis.disconnect();
  await db.$disconnect();
  await deleteNamespace(config.REDIS_URL, config.REDIS_PREFIX);
});

type SubmissionState = Pick<Prisma.SubmissionUncheckedCreateInput, "status" | "attempts" | "createdAt" | "startedAt">;

async function submission(name: string, data: SubmissionState): Promise<Submission> {
  const learner = await createLearner(db, name);
  return db.submission.create({
    data: { userId: learner.id, problemId: problem.id, language: "TYPESCRIPT", code: "function softmax() {}", ...data },
  });
}

describe("sweepOnce", () => {
  // Rows dated 1990 and a sweep "at" 1990: other test files share the database, and their fresh rows are not stale.
  const longAgo = new Date("1990-01-01T00:00:00Z");
  const sweptAt = new Date("1990-01-01T01:00:00Z");
  const options = { queuedGraceMs: 60_000, runningGraceMs: 60_000, maxAttempts: 5 };

  it("gives up on a submission started the maximum number of times: INTERNAL_ERROR, written once", async () => {
    const exhausted = await submission("swept-out", {
      status: "RUNNING",
      attempts: 5,
      createdAt: longAgo,
      startedAt: longAgo,
    });
    const retried = await submission("swept-again", {
      status: "RUNNING",
      attempts: 4,
      createdAt: longAgo,
      startedAt: longAgo,
    });
    const deps: SweeperDeps = { db, redis, prefix: config.REDIS_PREFIX, log, queue };

    expect(await sweepOnce(deps, options, sweptAt)).toEqual({ enqueued: 1, failed: 1 });

    const given = await db.submission.findUniqueOrThrow({ where: { id: exhausted.id } });
    expect(given).toMatchObject({ status: "FINISHED", verdict: "INTERNAL_ERROR", attempts: 5 });
    expect(given.warnings).toEqual(["Grading failed repeatedly; please resubmit."]);
    // One try short of the maximum: enqueued again with its submission id as the job id, the row left to the grader.
    expect(await (await queue.getJob(retried.id))?.getState()).toBe("waiting");
    expect(await db.submission.findUniqueOrThrow({ where: { id: retried.id } })).toMatchObject({
      status: "RUNNING",
      verdict: null,
    });
    // The finished one is never swept again; the enqueued one now has a live job and is left alone.
    expect(await sweepOnce(deps, options, sweptAt)).toEqual({ enqueued: 0, failed: 0 });
  });
});

describe("the grader worker", () => {
  it("records INTERNAL_ERROR once BullMQ's retries of an infrastructure fault are exhausted", async () => {
    const grader = await startTestGrader({ config });
    try {
      // A closed executor pool fails every grading attempt with an InfrastructureError, which the queue retries.
      await grader.runtimes.close();
      const queued = await submission("never-graded", { status: "QUEUED" });
      expect(await enqueueSubmission(queue, queued.id, log)).toBe(true);

      let row = await db.submission.findUniqueOrThrow({ where: { id: queued.id } });
      for (let polls = 0; row.status !== "FINISHED" && polls < 300; polls++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        row = await db.submission.findUniqueOrThrow({ where: { id: queued.id } });
      }
      const job = await queue.getJob(queued.id);
      expect(await job?.getState()).toBe("failed");
      expect(job?.attemptsMade).toBe(job?.opts.attempts);
      expect(row).toMatchObject({ status: "FINISHED", verdict: "INTERNAL_ERROR", attempts: job?.opts.attempts });
      expect(row.warnings).toEqual(["The grader could not run this submission."]);
    } finally {
      await grader.close();
    }
  });
});
