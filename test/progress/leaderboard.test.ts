import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "../../src/db.ts";
import type { Question, User } from "../../src/generated/prisma/client.ts";
import { leaderboard, recordSubmissionResult, reviewQuestion } from "../../src/modules/progress/service.ts";
import { testDatabaseUrl } from "../helpers/env.ts";
import { createLearner, createQuestion } from "../helpers/fixtures.ts";

const DAY = 86_400_000;
// Far in the future so WEEK and MONTH windows hold only this file's solves, whatever else the database holds.
const NOW = new Date("2091-05-20T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

describe("leaderboard", () => {
  let db: Db;
  let questions: Question[];
  const learners: Record<string, User> = {};

  async function solve(learner: User, count: number, lastAt: Date, spacingHours = 1): Promise<void> {
    for (let i = 0; i < count; i++) {
      const at = new Date(lastAt.getTime() - (count - 1 - i) * spacingHours * 3_600_000);
      await db.$transaction((tx) =>
        recordSubmissionResult(tx, {
          userId: learner.id,
          questionId: questions[i].id,
          accepted: true,
          runtimeMs: 5,
          at,
        }),
      );
    }
  }

  beforeAll(async () => {
    db = createDb({ url: testDatabaseUrl() });
    questions = [];
    for (let i = 0; i < 10; i++) questions.push(await createQuestion(db, `lb${i}`, { kind: "CODING" }));
    for (const name of ["ada", "bob", "cy", "dee", "eve"]) learners[name] = await createLearner(db, `lb-${name}`);
    await solve(learners.ada, 3, daysAgo(1));
    await solve(learners.bob, 3, daysAgo(2)); // same count as ada, reached earlier
    await solve(learners.cy, 7, daysAgo(3), 24 * 3); // 2 inside the week, all 7 inside the month
    await solve(learners.dee, 10, daysAgo(60));
    await db.$transaction((tx) =>
      recordSubmissionResult(tx, {
        userId: learners.eve.id,
        questionId: questions[0].id,
        accepted: false,
        runtimeMs: null,
        at: daysAgo(1),
      }),
    );
    // A solve after NOW is not counted yet.
    await db.$transaction((tx) =>
      recordSubmissionResult(tx, {
        userId: learners.eve.id,
        questionId: questions[1].id,
        accepted: true,
        runtimeMs: 1,
        at: new Date(NOW.getTime() + DAY),
      }),
    );
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("ranks the week by solves, ties to whoever got there first, showing handles only", async () => {
    const week = await leaderboard(db, { period: "WEEK", first: 20, now: NOW });
    expect(week.map((e) => [e.rank, e.handle, e.solved])).toEqual([
      [1, learners.bob.handle, 3],
      [2, learners.ada.handle, 3],
      [3, learners.cy.handle, 2],
    ]);
    expect(week[0].lastSolvedAt.toISOString()).toBe(daysAgo(2).toISOString());
    expect(Object.keys(week[0]).sort()).toEqual(["handle", "lastSolvedAt", "rank", "solved"]);
  });

  it("ranks the month and all time over their own windows", async () => {
    const month = await leaderboard(db, { period: "MONTH", first: 20, now: NOW });
    expect(month.map((e) => [e.handle, e.solved])).toEqual([
      [learners.cy.handle, 7],
      [learners.bob.handle, 3],
      [learners.ada.handle, 3],
    ]);
    const all = await leaderboard(db, { period: "ALL", first: 100, now: NOW });
    const mine = new Set(Object.values(learners).map((l) => l.handle));
    expect(all.filter((e) => mine.has(e.handle)).map((e) => [e.handle, e.solved])).toEqual([
      [learners.dee.handle, 10],
      [learners.cy.handle, 7],
      [learners.bob.handle, 3],
      [learners.ada.handle, 3],
    ]);
    expect(all.map((e) => e.rank)).toEqual(all.map((_, i) => i + 1));
  });

  it("counts coding problems solved before the editorial opened; never concept reviews, give-ups or admins", async () => {
    // All inside a day of their own, a year before NOW, so the other learners of this file do not take part.
    const at = (hours: number) => new Date(NOW.getTime() - 365 * DAY + hours * 3_600_000);
    const window = { now: at(24) };
    const concept = await createQuestion(db, "lb-concept", { kind: "CONCEPT" });
    const rater = await createLearner(db, "lb-rater");
    const quitter = await createLearner(db, "lb-quitter");
    const honest = await createLearner(db, "lb-honest");
    const admin = await createLearner(db, "lb-admin");
    await db.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const accept = (user: User, question: Question, hours: number) =>
      db.$transaction((tx) =>
        recordSubmissionResult(tx, {
          userId: user.id,
          questionId: question.id,
          accepted: true,
          runtimeMs: 1,
          at: at(hours),
        }),
      );
    // Rating a concept card EASY marks it SOLVED in the learner's own record, and earns no rank.
    await reviewQuestion(db, rater.id, { slug: concept.slug, rating: "EASY" }, at(1));
    expect((await db.progress.findFirstOrThrow({ where: { userId: rater.id } })).status).toBe("SOLVED");
    // Gave up on questions[0], then submitted (the editorial's code): not counted. questions[1] before any give-up: counted,
    // and a give-up afterwards does not take it back.
    await db.giveUp.create({ data: { userId: quitter.id, questionId: questions[0].id, gaveUpAt: at(1) } });
    await accept(quitter, questions[0], 2);
    await accept(quitter, questions[1], 3);
    await db.giveUp.create({ data: { userId: quitter.id, questionId: questions[1].id, gaveUpAt: at(4) } });
    await accept(honest, questions[0], 5);
    await accept(honest, questions[1], 6);
    await accept(admin, questions[0], 1);
    const board = await leaderboard(db, { period: "WEEK", first: 100, ...window });
    expect(board.map((e) => [e.handle, e.solved])).toEqual([
      [honest.handle, 2],
      [quitter.handle, 1],
    ]);
  });

  it("honours first and validates its input", async () => {
    const top = await leaderboard(db, { period: "WEEK", first: 1, now: NOW });
    expect(top.map((e) => e.handle)).toEqual([learners.bob.handle]);
    await expect(leaderboard(db, { period: "WEEK", first: 0, now: NOW })).rejects.toThrow("first");
    await expect(leaderboard(db, { period: "YEAR" as "WEEK", first: 5, now: NOW })).rejects.toThrow("period");
  });
});
