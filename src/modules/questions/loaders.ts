import DataLoader from "dataloader";
import { queryRows } from "../../db.ts";
import type { CodingProblem, Topic } from "../../generated/prisma/client.ts";
import { byKeys, groupByKeys } from "../../graphql/loaders.ts";
import type { Context } from "../auth/context.ts";
import { codingProblemsSql, type QuestionRow, questionsBySlugSql } from "./sql.ts";

export function topicsByQuestionId(ctx: Context): DataLoader<string, Topic[]> {
  return ctx.loaders.get(
    "questions.topicsByQuestionId",
    () =>
      new DataLoader(async (questionIds: readonly string[]) => {
        const links = await ctx.db.questionTopic.findMany({
          where: { questionId: { in: [...questionIds] } },
          include: { topic: true },
          orderBy: { topic: { slug: "asc" } },
        });
        return groupByKeys(questionIds, links, (link) => link.questionId).map((group) => group.map((l) => l.topic));
      }),
  );
}

export function questionBySlug(ctx: Context): DataLoader<string, QuestionRow | null> {
  return ctx.loaders.get(
    "questions.questionBySlug",
    () =>
      new DataLoader(async (slugs: readonly string[]) => {
        const rows = await queryRows<QuestionRow>(ctx.db, questionsBySlugSql(slugs));
        return byKeys(slugs, rows, (row) => row.slug);
      }),
  );
}

export function codingProblemByQuestionId(ctx: Context): DataLoader<string, CodingProblem | null> {
  return ctx.loaders.get(
    "questions.codingProblemByQuestionId",
    () =>
      new DataLoader(async (questionIds: readonly string[]) => {
        const rows = await queryRows<CodingProblem>(ctx.db, codingProblemsSql(questionIds));
        return byKeys(questionIds, rows, (row) => row.questionId);
      }),
  );
}

export function publishedCountByTopicId(ctx: Context): DataLoader<string, number> {
  return ctx.loaders.get(
    "questions.publishedCountByTopicId",
    () =>
      new DataLoader(async (topicIds: readonly string[]) => {
        const links = await ctx.db.questionTopic.findMany({
          where: { topicId: { in: [...topicIds] }, question: { status: "PUBLISHED" } },
          select: { topicId: true },
        });
        return groupByKeys(topicIds, links, (link) => link.topicId).map((group) => group.length);
      }),
  );
}
