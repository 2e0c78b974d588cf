import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Redis } from "ioredis";
import { createDb, type Db } from "../../src/db.ts";
import type { SubmissionMode } from "../../src/generated/prisma/client.ts";
import type { GradeResult } from "../../src/grading/result.ts";
import { createLogger } from "../../src/logger.ts";
import { activityDay } from "../../src/modules/progress/service.ts";
import { finish, type LifecycleDeps } from "../../src/modules/submissions/lifecycle.ts";
import { createRedis } from "../../src/redis.ts";
import { testDatabaseUrl, testRedisPrefix, testRedisUrl } from "../helpers/env.ts";
import { createCodingQuestion, createLearner } from "../helpers/fixtures.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";

let db: Db;
let redis: Redis;
let deps: LifecycleDeps;
let problem: { id: string; questionId: string };

const ACCEPTED: GradeResult = {
  verdict: "ACCEPTED",
  tests: [{ name: "sample 1", kind: "sample", status: "PASSED", runtimeMs: 0.5 }],
  runtimeMs: 3.5,
  perfRatio: 1.4,
  perfNote: null,
  memoryMb: 1.25,
  compileError: null,
  warnings: ["a warning"],
};

beforeAll(async () => {
  db = createDb({ url: testDatabaseUrl(), poolSize: 4 });
  redis = createRedis(testRedisUrl());
  deps = { db, redis, prefix: testRedisPrefix("verdict"), log: createLogger("silent", "test") };
  const slug = await createCodingQuestion(db, "softmax");
  problem = await db.codingProblem.findFirstOrThrow({ where: { question: { slug } } });
});
afterAll(async () => {
  redis.disconnect();
  await db.$disconnect();
  await deleteNamespace(testRedisUrl(), deps.prefix);
});

async function runningSubmission(name: string, mode: SubmissionMode = "FULL", timeZone = "UTC") {
  const learner = await createLearner(db, name, timeZone);
  const submission = await db.submission.create({
    data: { userId: learner.id, problemId: problem.id, language: "TYPESCRIPT", code: "x", mode, status: "RUNNING" },
  });
  return { learner, submission };
}

const progressOf = (userId: string) =>
  db.progress.findUnique({ where: { userId_questionId: { userId, questionId: problem.questionId } } });

describe("finish (one statement: verdict, progress, activity)", () => {
  it("writes the verdict and counts one solved attempt on the learner's local day", async () => {
    const { learner, submission } = await runningSubmission("verdict-solver", "FULL", "Asia/Shanghai");
    const finishedAt = await finish(deps, submission, problem.questionId, ACCEPTED, "Asia/Shanghai");
    expect(finishedAt).toBeInstanceOf(Date);

    const row = await db.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(row).toMatchObject({
      status: "FINISHED",
      verdict: "ACCEPTED",
      runtimeMs: 3.5,
      perfRatio: 1.4,
      perfNote: null,
      memoryMb: 1.25,
      warnings: ["a warning"],
      compileError: null,
      finishedAt,
    });
    expect(row.tests).toEqual(ACCEPTED.tests);
    expect(await progressOf(learner.id)).toMatchObject({ status: "SOLVED", attempts: 1, bestRuntimeMs: 3.5 });
    const days = await db.activityDay.findMany({ where: { userId: learner.id } });
    expect(days.map((day) => [day.day.toISOString().slice(0, 10), day.count])).toEqual([
      [activityDay(finishedAt as Date, "Asia/Shanghai"), 1],
    ]);
  });

  it("stores why an accepted submission has no perf ratio", async () => {
    const { submission } = await runningSubmission("verdict-perf-note");
    const withheld: GradeResult = { ...ACCEPTED, perfRatio: null, perfNote: "not stable enough to compare" };
    await finish(deps, submission, problem.questionId, withheld);
    expect(await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
      verdict: "ACCEPTED",
      perfRatio: null,
      perfNote: "not stable enough to compare",
    });
  });

  it("writes once: a second verdict for the same submission changes nothing", async () => {
    const { learner, submission } = await runningSubmission("verdict-twice");
    const first = await finish(deps, submission, problem.questionId, ACCEPTED);
    const wrong: GradeResult = { ...ACCEPTED, verdict: "WRONG_ANSWER", perfRatio: null };
    expect(await finish(deps, submission, problem.questionId, wrong)).toBeNull();

    const row = await db.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(row).toMatchObject({ verdict: "ACCEPTED", finishedAt: first });
    expect(await progressOf(learner.id)).toMatchObject({ status: "SOLVED", attempts: 1 });
    const days = await db.activityDay.findMany({ where: { userId: learner.id } });
    expect(days.map((day) => day.count)).toEqual([1]);
  });

  it("does not count sample runs as attempts", async () => {
    const { learner, submission } = await runningSubmission("verdict-samples", "SAMPLES");
    expect(await finish(deps, submission, problem.questionId, ACCEPTED)).toBeInstanceOf(Date);
    expect(await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
      status: "FINISHED",
      verdict: "ACCEPTED",
    });
    expect(await progressOf(learner.id)).toBeNull();
    expect(await db.activityDay.count({ where: { userId: learner.id } })).toBe(0);
  });

  it("looks the learner's time zone up when the caller does not pass it, and stores a compile error", async () => {
    const { learner, submission } = await runningSubmission("verdict-zone", "FULL", "America/Los_Angeles");
    const compileError: GradeResult = {
      verdict: "COMPILE_ERROR",
      tests: [],
      runtimeMs: null,
      perfRatio: null,
      perfNote: null,
      memoryMb: null,
      compileError: { message: "Expected ';'", line: 3, column: 7 },
      warnings: [],
    };
    const finishedAt = await finish(deps, submission, problem.questionId, compileError);
    const row = await db.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(row).toMatchObject({ verdict: "COMPILE_ERROR", runtimeMs: null, perfRatio: null });
    expect(JSON.parse(row.compileError ?? "null")).toEqual(compileError.compileError);
    expect(await progressOf(learner.id)).toMatchObject({ status: "ATTEMPTED", attempts: 1, bestRuntimeMs: null });
    const [day] = await db.activityDay.findMany({ where: { userId: learner.id } });
    expect(day.day.toISOString().slice(0, 10)).toBe(activityDay(finishedAt as Date, "America/Los_Angeles"));
  });
});
