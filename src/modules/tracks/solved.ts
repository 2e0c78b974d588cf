import { Prisma } from "../../generated/prisma/client.ts";
import { earnedSolvesSql } from "../progress/solved-rule.ts";

/**
 * When a track counts an item as done. A coding problem: by the leaderboard's rule (progress/solved-rule.ts: the
 * first ACCEPTED full submission came before the learner opened the editorial, so a solve after giving up does not
 * count). A concept question, which the leaderboard does not rank at all (its answer is public): when the learner
 * rated a review GOOD or EASY (their Progress row has a first-solved time), so a track of concepts and problems can
 * be finished. Everything a track reports as done goes through this one SQL condition.
 *
 * `question` is the alias of a "Question" row in the surrounding statement.
 */
export function solvedSql(userId: string, question: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE WHEN ${question}."kind" = 'CODING'
    THEN EXISTS (SELECT 1 FROM (${earnedSolvesSql({ userId })}) earned WHERE earned."questionId" = ${question}."id")
    ELSE EXISTS (SELECT 1 FROM "Progress" solved
      WHERE solved."userId" = ${userId}::uuid AND solved."questionId" = ${question}."id"
        AND solved."firstSolvedAt" IS NOT NULL) END)`;
}
