import { z } from "zod";
import type { Question } from "../../generated/prisma/client.ts";
import { type Context, requireUser } from "../../graphql/context.ts";
import { badUserInput, notFound, parseInput } from "../../graphql/errors.ts";
import type { AnswerCoverage, MisconceptionFlag } from "./answer-check/match.ts";
import { progressByQuestionId } from "./loaders.ts";
import {
  checkConceptAnswer,
  leaderboard,
  MAX_ANSWER_LENGTH,
  myProgress,
  ProgressInputError,
  ProgressNotFoundError,
  reviewQuestion,
  reviewQueue,
  setTimeZone,
} from "./service.ts";

const reviewInputSchema = z.object({
  slug: z.string().trim().min(1, "is required"),
  rating: z.enum(["AGAIN", "HARD", "GOOD", "EASY"]),
});
const reviewQueueSchema = z.object({ limit: z.number().int().min(1, "must be ≥ 1").max(100, "must be ≤ 100") });
const answerSchema = z.object({
  slug: z.string().trim().min(1, "is required"),
  answer: z
    .string()
    .refine((text) => text.trim() !== "", "must not be empty")
    .refine((text) => text.length <= MAX_ANSWER_LENGTH, `must be at most ${MAX_ANSWER_LENGTH} characters`),
});
const leaderboardSchema = z.object({
  period: z.enum(["WEEK", "MONTH", "ALL"]),
  first: z.number().int().min(1, "must be ≥ 1").max(100, "must be ≤ 100"),
});
const timeZoneSchema = z.object({ timeZone: z.string().trim().min(1, "is required") });

/** Typed service errors become the API's error codes; anything else stays internal. */
async function mapErrors<T>(fieldPrefix: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProgressNotFoundError) throw notFound(error.message);
    if (error instanceof ProgressInputError) {
      throw badUserInput([{ field: [fieldPrefix, error.field].filter(Boolean).join("."), message: error.detail }]);
    }
    throw error;
  }
}

export const resolvers = {
  Query: {
    myProgress: (_: unknown, __: unknown, ctx: Context) => {
      const user = requireUser(ctx);
      return mapErrors("", () => myProgress(ctx.db, user.id));
    },
    reviewQueue: (_: unknown, args: { limit?: number | null }, ctx: Context) => {
      const user = requireUser(ctx);
      const { limit } = parseInput(reviewQueueSchema, { limit: args.limit ?? 20 }, "");
      return mapErrors("", () =>
        reviewQueue(ctx.db, user.id, { limit, newCardsPerDay: ctx.config.REVIEW_NEW_CARDS_PER_DAY }),
      );
    },
    checkConceptAnswer: (_: unknown, args: { slug: string; answer: string }, ctx: Context) => {
      const { slug, answer } = parseInput(answerSchema, args, "");
      return mapErrors("", () => checkConceptAnswer(ctx.db, slug, answer));
    },
    leaderboard: (_: unknown, args: { period: string; first?: number | null }, ctx: Context) => {
      const { period, first } = parseInput(leaderboardSchema, { period: args.period, first: args.first ?? 20 }, "");
      return mapErrors("", () => leaderboard(ctx.db, { period, first }));
    },
  },
  Mutation: {
    reviewQuestion: (_: unknown, args: { input: unknown }, ctx: Context) => {
      const user = requireUser(ctx);
      const input = parseInput(reviewInputSchema, args.input);
      return mapErrors("input", () => reviewQuestion(ctx.db, user.id, input));
    },
    setTimeZone: async (_: unknown, args: { timeZone: string }, ctx: Context) => {
      const user = requireUser(ctx);
      const { timeZone } = parseInput(timeZoneSchema, args, "");
      const updated = await mapErrors("", () => setTimeZone(ctx.db, user.id, timeZone));
      user.timeZone = updated.timeZone;
      return updated;
    },
  },
  Question: {
    progress: async (question: Question, _: unknown, ctx: Context) => {
      if (!ctx.user) return null;
      const row = await progressByQuestionId(ctx, ctx.user.id).load(question.id);
      return (
        row ?? { status: "NOT_STARTED", attempts: 0, firstSolvedAt: null, bestRuntimeMs: null, lastActivityAt: null }
      );
    },
  },
  AnswerCheck: {
    covered: (check: AnswerCoverage) => check.points.filter((point) => point.covered),
    missed: (check: AnswerCoverage) => check.points.filter((point) => !point.covered),
  },
  Misconception: {
    correction: (flag: MisconceptionFlag, args: { locale?: "ZH" | "EN" }) =>
      args.locale === "EN" && flag.correction.en ? flag.correction.en : flag.correction.zh,
  },
};
