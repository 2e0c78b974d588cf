import { utcTimestamp } from "../../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/**
 * The one rule for what counts as solved wherever it is compared with other learners (the leaderboard) or
 * credited as done (study tracks reuse it): a coding problem whose first ACCEPTED full submission came before
 * the learner opened its editorial. The editorial opens only after an ACCEPTED verdict or a give-up (and is always
 * open to admins, who write them), so a solve after giving up — pasting the editorial's solution or the article's
 * corrected code — never counts, and admins never rank. Concept questions never count: their answers are public
 * and a self-rating checks nothing (an account that rated every card EASY used to reach rank 1 in 254 ms).
 * A learner's own record (Progress.status, myProgress) still shows every ACCEPTED and every GOOD/EASY review.
 */
export const SOLVED_RULE =
  "A coding problem counts when its first ACCEPTED full submission came before the learner opened its editorial " +
  "(giving up opens it; admins always have it open, so they never rank). Concept questions do not count: their " +
  "answers are public and a self-rating proves nothing.";

export type EarnedSolvesFilter = {
  /** Only this learner's solves. */
  userId?: string;
  /** Only these questions (a track's). */
  questionIds?: readonly string[];
  /** Solved at or after. */
  since?: Date;
  /** Solved at or before. */
  until?: Date;
};

/**
 * Records the solves that count by SOLVED_RULE among `source`'s Progress rows ("userId", "questionId",
 * "firstSolvedAt"; e.g. a data-modifying CTE's RETURNING) in EarnedSolve: a coding problem with no give-up at or
 * before the first solve. One statement, idempotent (a solve is recorded once; firstSolvedAt never changes), so the
 * grader makes it part of its verdict statement. A trigger on EarnedSolve keeps LeaderboardStanding in step.
 * Admins' solves are recorded too: the leaderboard leaves admins out when it reads, so a change of role needs no
 * rewrite. earnedSolvesSql() below is the same rule computed from Progress (tracks use it; tests compare the two).
 */
export function recordEarnedSolvesSql(source: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "EarnedSolve" ("userId", "questionId", "solvedAt")
    SELECT src."userId", src."questionId", src."firstSolvedAt"
    FROM (${source}) src
    JOIN "Question" q ON q."id" = src."questionId" AND q."kind" = 'CODING'
    WHERE src."firstSolvedAt" IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM "GiveUp" g
        WHERE g."userId" = src."userId" AND g."questionId" = src."questionId" AND g."gaveUpAt" <= src."firstSolvedAt")
    ON CONFLICT ("userId", "questionId") DO NOTHING`;
}

/**
 * A give-up as one statement: records it (once) and takes back a recorded solve dated at or after it, which the
 * rule no longer counts (a give-up written while the solve's verdict was being written, or out of order).
 */
export function recordGiveUpSql(userId: string, questionId: string, at: Date): Prisma.Sql {
  return Prisma.sql`
    WITH given AS (
      INSERT INTO "GiveUp" ("userId", "questionId", "gaveUpAt")
      VALUES (${userId}::uuid, ${questionId}::uuid, ${utcTimestamp(at)})
      ON CONFLICT ("userId", "questionId") DO NOTHING
      RETURNING "userId", "questionId", "gaveUpAt")
    DELETE FROM "EarnedSolve" e USING given g
    WHERE e."userId" = g."userId" AND e."questionId" = g."questionId" AND e."solvedAt" >= g."gaveUpAt"`;
}

/**
 * The solves that count by SOLVED_RULE, as rows ("userId", "questionId", "solvedAt"): a subquery for the leaderboard
 * (aggregated per learner) or a track (filtered by learner and questions). One row per learner and question.
 */
export function earnedSolvesSql(filter: EarnedSolvesFilter = {}): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`p."firstSolvedAt" IS NOT NULL`];
  if (filter.userId !== undefined) conditions.push(Prisma.sql`p."userId" = ${filter.userId}::uuid`);
  if (filter.questionIds !== undefined) {
    conditions.push(Prisma.sql`p."questionId" = ANY(${[...filter.questionIds]}::uuid[])`);
  }
  if (filter.since) conditions.push(Prisma.sql`p."firstSolvedAt" >= ${utcTimestamp(filter.since)}`);
  if (filter.until) conditions.push(Prisma.sql`p."firstSolvedAt" <= ${utcTimestamp(filter.until)}`);
  return Prisma.sql`
    SELECT p."userId", p."questionId", p."firstSolvedAt" AS "solvedAt"
    FROM "Progress" p
    JOIN "Question" q ON q."id" = p."questionId" AND q."kind" = 'CODING'
    JOIN "User" u ON u."id" = p."userId" AND u."role" <> 'ADMIN'
    WHERE ${Prisma.join(conditions, " AND ")}
      AND NOT EXISTS (
        SELECT 1 FROM "GiveUp" g
        WHERE g."userId" = p."userId" AND g."questionId" = p."questionId" AND g."gaveUpAt" <= p."firstSolvedAt")`;
}
