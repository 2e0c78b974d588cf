import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "../../src/db.ts";
import { recordSubmissionResult } from "../../src/modules/progress/service.ts";
import { testDatabaseUrl } from "../helpers/env.ts";
import { createLearner, createQuestion } from "../helpers/fixtures.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("recordSubmissionResult (the grader's hook)", () => {
  let db: Db;
  beforeAll(() => {
    db = createDb({ url: testDatabaseUrl(), poolSize: 12 });
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("moves NOT_STARTED → ATTEMPTED → SOLVED, keeps the first solve time and the best accepted runtime", async () => {
    const learner = await createLearner(db, "solver");
    const question = await createQuestion(db, "matmul", { kind: "CODING" });
    const submit = (accepted: boolean, runtimeMs: number | null, iso: string) =>
      db.$transaction((tx) =>
        recordSubmissionResult(tx, {
          userId: learner.id,
          questionId: question.id,
          accepted,
          runtimeMs,
          at: new Date(iso),
        }),
      );
    expect(await submit(false, 12, "2026-05-01T10:00:00Z")).toEqual({
      status: "ATTEMPTED",
      attempts: 1,
      day: "2026-05-01",
    });
    expect((await submit(true, 40, "2026-05-01T11:00:00Z")).status).toBe("SOLVED");
    await submit(true, 25, "2026-05-02T11:00:00Z");
    await submit(true, 30, "2026-05-03T11:00:00Z");
    const last = await submit(false, 1, "2026-05-03T12:00:00Z");
    expect(last).toEqual({ status: "SOLVED", attempts: 5, day: "2026-05-03" });
    const row = await db.progress.findUniqueOrThrow({
      where: { userId_questionId: { userId: learner.id, questionId: question.id } },
    });
    expect(row.firstSolvedAt?.toISOString()).toBe("2026-05-01T11:00:00.000Z");
    expect(row.bestRuntimeMs).toBe(25); // the failed run's 12 ms and 1 ms do not count
    expect(row.lastActivityAt?.toISOString()).toBe("2026-05-03T12:00:00.000Z");
    const days = await db.activityDay.findMany({ where: { userId: learner.id }, orderBy: { day: "asc" } });
    expect(days.map((day) => day.count)).toEqual([2, 1, 2]);
  });

  it("rejects a bad instant or runtime", async () => {
    const learner = await createLearner(db, "badinput");
    const question = await createQuestion(db, "bad", { kind: "CODING" });
    await expect(
      db.$transaction((tx) =>
        recordSubmissionResult(tx, {
          userId: learner.id,
          questionId: question.id,
          accepted: true,
          runtimeMs: -1,
          at: new Date(),
        }),
      ),
    ).rejects.toThrow("runtimeMs");
    await expect(
      db.$transaction((tx) =>
        recordSubmissionResult(tx, {
          userId: learner.id,
          questionId: question.id,
          accepted: false,
          runtimeMs: null,
          at: new Date("not a date"),
        }),
      ),
    ).rejects.toThrow("at: must be a valid Date");
  });

  it("makes ONE solve from two ACCEPTED submissions whose transactions overlap", async () => {
    const learner = await createLearner(db, "racer");
    const question = await createQuestion(db, "race", { kind: "CODING" });
    let firstWrote!: () => void;
    const firstHasWritten = new Promise<void>((resolve) => {
      firstWrote = resolve;
    });
    const first = db.$transaction(async (tx) => {
      await recordSubmissionResult(tx, {
        userId: learner.id,
        questionId: question.id,
        accepted: true,
        runtimeMs: 50,
        at: new Date("2026-06-01T08:00:00Z"),
      });
      firstWrote();
      await sleep(200); // hold the row, uncommitted, while the second transaction writes
    });
    const second = db.$transaction(async (tx) => {
      await firstHasWritten;
      return recordSubmissionResult(tx, {
        userId: learner.id,
        questionId: question.id,
        accepted: true,
        runtimeMs: 30,
        at: new Date("2026-06-01T08:00:01Z"),
      });
    });
    const [, secondResult] = await Promise.all([first, second]);
    expect(secondResult).toEqual({ status: "SOLVED", attempts: 2, day: "2026-06-01" });
    const rows = await db.progress.findMany({ where: { userId: learner.id, questionId: question.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "SOLVED", attempts: 2, bestRuntimeMs: 30 });
    expect(rows[0].firstSolvedAt?.toISOString()).toBe("2026-06-01T08:00:00.000Z");
    const day = await db.activityDay.findFirstOrThrow({ where: { userId: learner.id } });
    expect(day.count).toBe(2);
  });

  it("counts every one of many concurrent submissions exactly once", async () => {
    const learner = await createLearner(db, "burst");
    const question = await createQuestion(db, "burst", { kind: "CODING" });
    const runs = Array.from({ length: 10 }, (_, i) =>
      db.$transaction((tx) =>
        recordSubmissionResult(tx, {
          userId: learner.id,
          questionId: question.id,
          accepted: i % 2 === 0,
          runtimeMs: 100 - i,
          at: new Date(Date.UTC(2026, 6, 1, 12, 0, i)),
        }),
      ),
    );
    await Promise.all(runs);
    const row = await db.progress.findUniqueOrThrow({
      where: { userId_questionId: { userId: learner.id, questionId: question.id } },
    });
    expect(row).toMatchObject({ status: "SOLVED", attempts: 10, bestRuntimeMs: 92 });
    const day = await db.activityDay.findFirstOrThrow({ where: { userId: learner.id } });
    expect(day.count).toBe(10);
  });
});
