import { Prisma } from "../../generated/prisma/client.ts";

/**
 * The one "solved" rule of tracks, the leaderboard's (progress/service.ts `leaderboard` counts the same rows): a
 * learner solved a question when their Progress row has a first-solved time — the first ACCEPTED submission of a
 * coding problem, the first GOOD/EASY review of a concept question. Everything a track reports as done goes through
 * this one SQL condition, so a change of the leaderboard's rule is a change here only.
 *
 * `question` is the alias of a "Question" row in the surrounding statement (a rule may depend on its kind).
 */
export function solvedSql(userId: string, question: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Progress" solved
    WHERE solved."userId" = ${userId}::uuid AND solved."questionId" = ${question}."id"
      AND solved."firstSolvedAt" IS NOT NULL)`;
}
