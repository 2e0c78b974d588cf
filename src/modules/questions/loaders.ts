import DataLoader from "dataloader";
import { queryRows } from "../../db.ts";
import type { CodingProblem, Question, Topic } from "../../generated/prisma/client.ts";
import { byKeys, groupByKeys } from "../../graphql/loaders.ts";
import type { Context } from "../auth/context.ts";
import { codingProblemsSql, type QuestionRow, questionsBySlugSql } from "./sql.ts";
import { type EditorialAccess, editorialAccessMany, type RelatedKey, relatedQuestionsMany } from "./teaching.ts";

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

/** The signed-in learner's editorial access per question (null viewer: locked), two queries per request. */
export function editorialAccessByQuestionId(ctx: Context): DataLoader<string, EditorialAccess> {
  return ctx.loaders.get(
    "questions.editorialAccessByQuestionId",
    () => new DataLoader((questionIds: readonly string[]) => editorialAccessMany(ctx.db, ctx.user, questionIds)),
  );
}

/** How many hints the signed-in learner has revealed per question. */
export function revealedHintCountByQuestionId(ctx: Context, userId: string): DataLoader<string, number> {
  return ctx.loaders.get(
    `questions.revealedHintCount:${userId}`,
    () =>
      new DataLoader(async (questionIds: readonly string[]) => {
        const counts = await ctx.db.hintReveal.groupBy({
          by: ["questionId"],
          where: { userId, questionId: { in: [...questionIds] } },
          _count: { _all: true },
        });
        const byId = new Map(counts.map((row) => [row.questionId, row._count._all]));
        return questionIds.map((id) => byId.get(id) ?? 0);
      }),
  );
}

/** When the signed-in learner gave up on each question (null: never). */
export function gaveUpAtByQuestionId(ctx: Context, userId: string): DataLoader<string, Date | null> {
  return ctx.loaders.get(
    `questions.gaveUpAt:${userId}`,
    () =>
      new DataLoader(async (questionIds: readonly string[]) => {
        const rows = await ctx.db.giveUp.findMany({ where: { userId, questionId: { in: [...questionIds] } } });
        return byKeys(questionIds, rows, (row) => row.questionId).map((row) => row?.gaveUpAt ?? null);
      }),
  );
}

/** Published questions linked both ways; keyed by question id, batched into one query. */
export function relatedByQuestion(ctx: Context): DataLoader<RelatedKey, Question[], string> {
  return ctx.loaders.get(
    "questions.relatedByQuestion",
    () =>
      new DataLoader((keys: readonly RelatedKey[]) => relatedQuestionsMany(ctx.db, keys), {
        cacheKeyFn: (key) => key.id,
      }),
  );
}
