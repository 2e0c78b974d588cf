import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Redis } from "ioredis";
import { createDb, type Db, utcTimestamp } from "../../src/db.ts";
import { Prisma, type SubmissionMode } from "../../src/generated/prisma/client.ts";
import type { GradeResult } from "../../src/grading/result.ts";
import { createLogger } from "../../src/logger.ts";
import {
  leaderboardFromStandingsSql,
  leaderboardOfWindowSql,
  reviewQuestion,
} from "../../src/modules/progress/service.ts";
import { earnedSolvesSql, recordGiveUpSql } from "../../src/modules/progress/solved-rule.ts";
import { finish, type LifecycleDeps } from "../../src/modules/submissions/lifecycle.ts";
import { createRedis } from "../../src/redis.ts";
import { testRedisPrefix, testRedisUrl } from "../helpers/env.ts";
import { createCodingQuestion, createLearner, createQuestion } from "../helpers/fixtures.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";
import { createScratchDatabase, type ScratchDatabase } from "../helpers/scratch-database.ts";

// The maintained ranking (EarnedSolve written by the grader's verdict statement, LeaderboardStanding by its trigger)
// against the rule computed from Progress as the leaderboard used to (earnedSolvesSql), after a mix of verdicts.

// A database of its own: the whole boards compared below would otherwise hold other files' learners, some of them
// given solved progress by fixtures that write Progress rows directly rather than through a verdict.
let scratch: ScratchDatabase;
let db: Db;
let redis: Redis;
let deps: LifecycleDeps;
const problems: { id: string; questionId: string }[] = [];
const userIds: string[] = [];

const result = (verdict: GradeResult["verdict"]): GradeResult => ({
  verdict,
  tests: [],
  runtimeMs: verdict === "ACCEPTED" ? 2 : null,
  perfRatio: null,
  perfNote: null,
  memoryMb: null,
  compileError: null,
  warnings: [],
});

async function learner(name: string, role: "LEARNER" | "ADMIN" = "LEARNER"): Promise<string> {
  const user = await createLearner(db, name);
  if (role === "ADMIN") await db.user.update({ where: { id: user.id }, data: { role } });
  userIds.push(user.id);
  return user.id;
}

/** One graded submission through the grader's own verdict statement. */
async function grade(userId: string, problem: number, verdict: GradeResult["verdict"], mode: SubmissionMode = "FULL") {
  const target = problems[problem] as { id: string; questionId: string };
  const submission = await db.submission.create({
    data: { userId, problemId: target.id, language: "TYPESCRIPT", code: "x", mode, status: "RUNNING" },
  });
  return finish(deps, submission, target.questionId, result(verdict));
}

const mine = () => Prisma.sql`${userIds}::uuid[]`;

/** Both sides in one snapshot, so other test files writing at the same time change neither. */
async function bothSides() {
  return db.$transaction(
    async (tx) => {
      const maintained = await tx.$queryRaw<{ userId: string; questionId: string; solvedAt: Date }[]>`
        SELECT e."userId"::text, e."questionId"::text, e."solvedAt" FROM "EarnedSolve" e
        JOIN "User" u ON u."id" = e."userId" AND u."role" <> 'ADMIN'
        WHERE e."userId" = ANY(${mine()}) ORDER BY 1, 2`;
      const computed = await tx.$queryRaw<{ userId: string; questionId: string; solvedAt: Date }[]>`
        SELECT e."userId"::text, e."questionId"::text, e."solvedAt" FROM (${earnedSolvesSql()}) e
        WHERE e."userId" = ANY(${mine()}) ORDER BY 1, 2`;
      const standings = await tx.$queryRaw<{ userId: string; solved: number; lastSolvedAt: Date }[]>`
        SELECT "userId"::text, "solved", "lastSolvedAt" FROM "LeaderboardStanding"
        WHERE "userId" = ANY(${mine()}) ORDER BY 1`;
      const aggregated = await tx.$queryRaw<{ userId: string; solved: number; lastSolvedAt: Date }[]>`
        SELECT "userId"::text, count(*)::int AS "solved", max("solvedAt") AS "lastSolvedAt" FROM "EarnedSolve"
        WHERE "userId" = ANY(${mine()}) GROUP BY 1 ORDER BY 1`;
      // Whole boards: the standings against the rule over all time, and a window against the rule over it.
      const all = await tx.$queryRaw(leaderboardFromStandingsSql(100));
      const oldAll = await tx.$queryRaw(oldLeaderboardSql(null, null));
      const since = new Date(Date.now() - 7 * 86_400_000);
      const until = new Date(Date.now() + 60_000);
      const week = await tx.$queryRaw(leaderboardOfWindowSql(since, until, 100));
      const oldWeek = await tx.$queryRaw(oldLeaderboardSql(since, until));
      return { maintained, computed, standings, aggregated, all, oldAll, week, oldWeek };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
}

/** The leaderboard query as it was before the maintained ranking (it aggregated Progress on every request). */
function oldLeaderboardSql(since: Date | null, until: Date | null): Prisma.Sql {
  return Prisma.sql`
    SELECT u."handle", count(*)::int AS "solved",
           to_char(max(e."solvedAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastSolvedAt"
    FROM (${earnedSolvesSql({ ...(since ? { since } : {}), ...(until ? { until } : {}) })}) e
    JOIN "User" u ON u."id" = e."userId"
    GROUP BY u."id", u."handle"
    ORDER BY "solved" DESC, max(e."solvedAt") ASC, u."handle" ASC
    LIMIT 100`;
}

async function expectSameAnswers(): Promise<void> {
  const sides = await bothSides();
  expect(sides.maintained).toEqual(sides.computed);
  expect(sides.standings).toEqual(sides.aggregated);
  expect(sides.all).toEqual(sides.oldAll);
  expect(sides.week).toEqual(sides.oldWeek);
}

beforeAll(async () => {
  scratch = await createScratchDatabase("leaderboard_maintained");
  db = createDb({ url: scratch.url, poolSize: 4 });
  redis = createRedis(testRedisUrl());
  deps = { db, redis, prefix: testRedisPrefix("maintained"), log: createLogger("silent", "test") };
  for (const kernel of ["softmax", "matmul", "softmax"]) {
    const slug = await createCodingQuestion(db, kernel);
    problems.push(await db.codingProblem.findFirstOrThrow({ where: { question: { slug } } }));
  }
  // Migrating a database of its own: seconds on a quiet machine, longer on a busy one.
}, 120_000);
afterAll(async () => {
  redis.disconnect();
  await db?.$disconnect();
  await scratch?.drop();
  await deleteNamespace(testRedisUrl(), deps.prefix);
});

describe("the maintained leaderboard", () => {
  it("equals the rule computed from Progress after accepted, wrong, repeated, sample, concurrent and admin verdicts", async () => {
    const ada = await learner("mt-ada");
    const bob = await learner("mt-bob");
    const cy = await learner("mt-cy");
    const admin = await learner("mt-admin", "ADMIN");
    await grade(ada, 0, "WRONG_ANSWER");
    await grade(ada, 0, "ACCEPTED");
    await grade(ada, 0, "ACCEPTED"); // a repeated solve changes nothing
    await grade(ada, 1, "ACCEPTED");
    await grade(bob, 0, "WRONG_ANSWER");
    await grade(bob, 0, "TIME_LIMIT_EXCEEDED");
    await grade(bob, 1, "ACCEPTED", "SAMPLES"); // a sample run is no attempt
    await grade(bob, 1, "ACCEPTED");
    await grade(admin, 0, "ACCEPTED");
    await Promise.all([grade(cy, 2, "ACCEPTED"), grade(cy, 2, "ACCEPTED"), grade(cy, 0, "ACCEPTED")]);
    const concept = await createQuestion(db, "mt-concept", { kind: "CONCEPT" });
    await reviewQuestion(db, ada, { slug: concept.slug, rating: "EASY" }); // concepts never rank
    await expectSameAnswers();

    const standing = await db.leaderboardStanding.findUniqueOrThrow({ where: { userId: cy } });
    expect(standing.solved).toBe(2);
    expect(await db.earnedSolve.count({ where: { userId: { in: [ada, bob, cy] } } })).toBe(5);
    // An admin's solve is recorded (a change of role needs no rewrite) and left out when the board is read.
    expect(await db.earnedSolve.count({ where: { userId: admin } })).toBe(1);
  });

  it("follows give-ups before and after a solve, and deletions of progress, learners and questions", async () => {
    const quitter = await learner("mt-quitter");
    const late = await learner("mt-late");
    const gone = await learner("mt-gone");
    await db.$executeRaw(recordGiveUpSql(quitter, (problems[0] as { questionId: string }).questionId, new Date()));
    await grade(quitter, 0, "ACCEPTED"); // after giving up: not earned
    await grade(quitter, 1, "ACCEPTED");
    await db.$executeRaw(recordGiveUpSql(quitter, (problems[1] as { questionId: string }).questionId, new Date()));
    // A give-up dated before a recorded solve (written late) takes the solve back, and the standing with it.
    await grade(late, 0, "ACCEPTED");
    await grade(late, 1, "ACCEPTED");
    await db.$executeRaw(
      recordGiveUpSql(late, (problems[1] as { questionId: string }).questionId, new Date(Date.now() - 3_600_000)),
    );
    await grade(gone, 2, "ACCEPTED");
    await grade(gone, 1, "ACCEPTED");
    await expectSameAnswers();
    expect(await db.leaderboardStanding.findUnique({ where: { userId: late } })).toMatchObject({ solved: 1 });
    expect(await db.leaderboardStanding.findUnique({ where: { userId: quitter } })).toMatchObject({ solved: 1 });

    // Progress removed (a reset), a question removed, a learner removed: the cascades reach the standings.
    await db.progress.deleteMany({ where: { userId: late } });
    expect(await db.leaderboardStanding.findUnique({ where: { userId: late } })).toBeNull();
    const last = await db.earnedSolve.findFirstOrThrow({ where: { userId: gone }, orderBy: { solvedAt: "desc" } });
    await db.question.delete({ where: { id: last.questionId } });
    await expectSameAnswers();
    const remaining = await db.leaderboardStanding.findUniqueOrThrow({ where: { userId: gone } });
    expect(remaining.solved).toBe(1);
    expect(remaining.lastSolvedAt.getTime()).toBeLessThan(last.solvedAt.getTime());
    await db.user.delete({ where: { id: gone } });
    expect(await db.leaderboardStanding.findUnique({ where: { userId: gone } })).toBeNull();
    await expectSameAnswers();
  });

  it("refuses to change a recorded solve in place", async () => {
    const someone = await learner("mt-fixed");
    await grade(someone, 2, "ACCEPTED");
    await expect(
      db.$executeRaw`UPDATE "EarnedSolve" SET "solvedAt" = ${utcTimestamp(new Date(0))} WHERE "userId" = ${someone}::uuid`,
    ).rejects.toThrow();
  });
});
