import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Redis } from "ioredis";
import { createDb, type Db } from "../../src/db.ts";
import { createLogger } from "../../src/logger.ts";
import {
  claim,
  createQueued,
  failWithInternalError,
  findStale,
  type LifecycleDeps,
} from "../../src/modules/submissions/lifecycle.ts";
import { createRedis } from "../../src/redis.ts";
import { processGradeJob } from "../../workers/grader/process-job.ts";
import { createRuntimeRegistry } from "../../workers/judge/registry.ts";
import { testDatabaseUrl, testRedisPrefix, testRedisUrl } from "../helpers/env.ts";
import { createCodingQuestion, createLearner } from "../helpers/fixtures.ts";
import { TEST_HIDDEN_TEST_SECRET } from "../helpers/hidden-tests.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";

let db: Db;
let redis: Redis;
let deps: LifecycleDeps;
let problemId: string;

beforeAll(async () => {
  db = createDb({ url: testDatabaseUrl(), poolSize: 4 });
  redis = createRedis(testRedisUrl());
  deps = { db, redis, prefix: testRedisPrefix("lifecycle"), log: createLogger("silent", "test") };
  const slug = await createCodingQuestion(db, "softmax");
  problemId = (await db.codingProblem.findFirstOrThrow({ where: { question: { slug } } })).id;
});
afterAll(async () => {
  redis.disconnect();
  await db.$disconnect();
  await deleteNamespace(testRedisUrl(), deps.prefix);
});

async function queued(name: string, idempotencyKey: string | null = null) {
  const learner = await createLearner(db, name);
  const data = { userId: learner.id, problemId, language: "TYPESCRIPT" as const, code: "x", mode: "FULL" as const };
  return createQueued(db, { ...data, idempotencyKey });
}

describe("the submission lifecycle", () => {
  it("creates QUEUED, claims RUNNING once per start, and claims nothing once finished", async () => {
    const { submission, created } = await queued("lifecycle-claim");
    expect(created).toBe(true);
    expect(submission.status).toBe("QUEUED");
    const claimed = await claim(deps, submission.id);
    expect(claimed).toMatchObject({ id: submission.id, kernelId: "softmax", testPlan: { seed: 7 } });
    await claim(deps, submission.id);
    expect(await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
      status: "RUNNING",
      attempts: 2,
    });

    expect(await failWithInternalError(deps, submission.id, "gave up")).toBe("FULL");
    expect(await failWithInternalError(deps, submission.id, "gave up again")).toBeNull();
    const row = await db.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(row).toMatchObject({ status: "FINISHED", verdict: "INTERNAL_ERROR", warnings: ["gave up"] });
    expect(await claim(deps, submission.id)).toBeNull();
  });

  it("returns the first row for a repeated idempotency key without creating another", async () => {
    const learner = await createLearner(db, "lifecycle-idempotent");
    const data = { userId: learner.id, problemId, language: "TYPESCRIPT" as const, code: "x", mode: "FULL" as const };
    const first = await createQueued(db, { ...data, idempotencyKey: "same" });
    const second = await createQueued(db, { ...data, code: "y", idempotencyKey: "same" });
    expect(second).toMatchObject({ submission: first.submission, created: false });
    expect(await db.submission.count({ where: { userId: learner.id } })).toBe(1);
  });

  it("finds QUEUED and RUNNING rows past their grace, oldest first, and not finished ones", async () => {
    const waiting = (await queued("lifecycle-stale-queued")).submission;
    const running = (await queued("lifecycle-stale-running")).submission;
    await claim(deps, running.id);
    const done = (await queued("lifecycle-stale-done")).submission;
    await failWithInternalError(deps, done.id, "done");

    const later = new Date(Date.now() + 60_000);
    const stale = await findStale(db, { queuedGraceMs: 1000, runningGraceMs: 1000, limit: 1000, now: later });
    const ids = stale.map((row) => row.id);
    expect(ids.indexOf(waiting.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(running.id)).toBeGreaterThan(ids.indexOf(waiting.id));
    expect(ids).not.toContain(done.id);
    expect(stale.find((row) => row.id === running.id)?.attempts).toBe(1);
    const withinGrace = await findStale(db, {
      queuedGraceMs: 120_000,
      runningGraceMs: 120_000,
      limit: 1000,
      now: later,
    });
    expect(withinGrace.map((row) => row.id)).not.toContain(waiting.id);
  });

  it("gives a submission whose language has no runtime in this grader an INTERNAL_ERROR", async () => {
    const { submission } = await queued("lifecycle-no-runtime");
    const outcome = await processGradeJob(
      { ...deps, runtimes: createRuntimeRegistry([]), hiddenTestSecret: async () => TEST_HIDDEN_TEST_SECRET },
      submission.id,
      createLogger("silent", "test"),
    );
    expect(outcome).toMatchObject({ status: "graded", result: { verdict: "INTERNAL_ERROR" } });
    const row = await db.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(row).toMatchObject({ status: "FINISHED", verdict: "INTERNAL_ERROR" });
    expect(row.warnings).toEqual(["This grader has no runtime for TYPESCRIPT."]);
  });
});
