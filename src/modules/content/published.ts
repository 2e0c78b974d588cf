import type { Db } from "../../db.ts";
import type { CodingProblem, Question } from "../../generated/prisma/client.ts";

export type PublishedQuestion = Question & { codingProblem: CodingProblem | null };

/**
 * The question learners may act on (review, check an answer, submit code): published, by slug, with its
 * coding problem in the same statement (a join), so every caller makes one round trip.
 */
export async function findPublishedQuestion(db: Db, slug: string): Promise<PublishedQuestion | null> {
  const question = await db.question.findUnique({
    where: { slug },
    include: { codingProblem: true },
    relationLoadStrategy: "join",
  });
  return question?.status === "PUBLISHED" ? question : null;
}
