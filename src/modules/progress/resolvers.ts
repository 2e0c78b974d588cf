import type { Resolvers } from "../../generated/graphql.ts";
import type { Question } from "../../generated/prisma/client.ts";
import type { LocaleArgs } from "../../lib/locale.ts";
import { type Context, requireUser } from "../auth/context.ts";
import type { AnswerCoverage, MisconceptionFlag } from "./answer-check/match.ts";
import { progressByQuestionId } from "./loaders.ts";
import {
  checkConceptAnswer,
  type LeaderboardPeriod,
  leaderboard,
  myProgress,
  type QuestionProgressView,
  type ReviewRating,
  reviewQuestion,
  reviewQueue,
  setTimeZone,
} from "./service.ts";

export const resolvers: Resolvers = {
  Query: {
    myProgress: (_: unknown, __: unknown, ctx: Context) => myProgress(ctx.db, requireUser(ctx).id),
    reviewQueue: (_: unknown, args: { limit?: number | null }, ctx: Context) =>
      reviewQueue(ctx.db, requireUser(ctx).id, {
        limit: args.limit ?? 20,
        newCardsPerDay: ctx.config.REVIEW_NEW_CARDS_PER_DAY,
      }),
    checkConceptAnswer: (_: unknown, args: { slug: string; answer: string }, ctx: Context) =>
      checkConceptAnswer(ctx.db, args.slug, args.answer),
    leaderboard: (_: unknown, args: { period: LeaderboardPeriod; first?: number | null }, ctx: Context) =>
      leaderboard(ctx.db, { period: args.period, first: args.first ?? 20 }),
  },
  Mutation: {
    reviewQuestion: (_: unknown, args: { input: { slug: string; rating: ReviewRating } }, ctx: Context) =>
      reviewQuestion(ctx.db, requireUser(ctx).id, args.input),
    setTimeZone: async (_: unknown, args: { timeZone: string }, ctx: Context) => {
      const user = requireUser(ctx);
      const updated = await setTimeZone(ctx.db, user.id, args.timeZone);
      user.timeZone = updated.timeZone;
      return updated;
    },
  },
  Question: {
    progress: async (
      question: Pick<Question, "id">,
      _: unknown,
      ctx: Context,
    ): Promise<QuestionProgressView | null> => {
      if (!ctx.user) return null;
      const row = await progressByQuestionId(ctx, ctx.user.id).load(question.id);
      return (
        row ?? {
          questionId: question.id,
          status: "NOT_STARTED",
          attempts: 0,
          firstSolvedAt: null,
          bestRuntimeMs: null,
          lastActivityAt: null,
        }
      );
    },
  },
  AnswerCheck: {
    covered: (check: AnswerCoverage) => check.points.filter((point) => point.covered),
    missed: (check: AnswerCoverage) => check.points.filter((point) => !point.covered),
  },
  Misconception: {
    correction: (flag: MisconceptionFlag, args: LocaleArgs) =>
      args.locale === "EN" && flag.correction.en ? flag.correction.en : flag.correction.zh,
  },
};
