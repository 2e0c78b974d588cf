import DataLoader from "dataloader";
import type { Submission } from "../../generated/prisma/client.ts";
import { type Context, requireUser } from "../../graphql/context.ts";
import { badUserInput, forbidden, notFound, parseInput, rateLimited } from "../../graphql/errors.ts";
import { byKeys } from "../../graphql/loaders.ts";
import { InvalidCursorError } from "../../lib/keyset-cursor.ts";
import {
  getSubmission,
  IdempotencyKeyReusedError,
  listMySubmissions,
  mySubmissionsSchema,
  ProblemNotFoundError,
  runtimePercentiles,
  SubmissionAccessError,
  type SubmissionMode,
  SubmitRateLimitedError,
  submit,
  submitSchema,
} from "./service.ts";

function questionByProblemId(ctx: Context) {
  return ctx.loaders.get(
    "submissions.questionByProblemId",
    () =>
      new DataLoader(async (problemIds: readonly string[]) => {
        const problems = await ctx.db.codingProblem.findMany({
          where: { id: { in: [...problemIds] } },
          include: { question: true },
        });
        return byKeys(problemIds, problems, (problem) => problem.id).map((problem) => problem?.question ?? null);
      }),
  );
}

function percentileBySubmissionId(ctx: Context) {
  return ctx.loaders.get(
    "submissions.percentileBySubmissionId",
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const percentiles = await runtimePercentiles(ctx.db, ids);
        return ids.map((id) => percentiles.get(id) ?? null);
      }),
  );
}

async function submitAs(ctx: Context, rawInput: unknown, mode: SubmissionMode): Promise<Submission> {
  const user = requireUser(ctx);
  const input = parseInput(submitSchema, rawInput);
  try {
    return await submit(ctx, user, input, mode);
  } catch (error) {
    if (error instanceof ProblemNotFoundError) throw notFound(error.message);
    if (error instanceof SubmitRateLimitedError) throw rateLimited(error.retryAfterSeconds);
    if (error instanceof IdempotencyKeyReusedError)
      throw badUserInput([{ field: "input.idempotencyKey", message: error.message }]);
    throw error;
  }
}

async function readSubmission(ctx: Context, id: string): Promise<Submission | null> {
  try {
    return await getSubmission(ctx.db, id, requireUser(ctx));
  } catch (error) {
    if (error instanceof SubmissionAccessError) throw forbidden(error.message);
    throw error;
  }
}

export const resolvers = {
  Query: {
    submission: (_: unknown, args: { id: string }, ctx: Context) => readSubmission(ctx, args.id),
    mySubmissions: async (_: unknown, args: unknown, ctx: Context) => {
      const user = requireUser(ctx);
      try {
        return await listMySubmissions(ctx.db, user.id, parseInput(mySubmissionsSchema, args, ""));
      } catch (error) {
        if (error instanceof InvalidCursorError) throw badUserInput([{ field: "after", message: error.message }]);
        throw error;
      }
    },
  },
  Mutation: {
    submitSolution: (_: unknown, args: { input: unknown }, ctx: Context) => submitAs(ctx, args.input, "FULL"),
    runSamples: (_: unknown, args: { input: unknown }, ctx: Context) => submitAs(ctx, args.input, "SAMPLES"),
  },
  Subscription: {
    submissionUpdated: {
      // Subscribe before reading the state, so no transition between the two is lost.
      subscribe: async function* (_: unknown, args: { id: string }, ctx: Context) {
        requireUser(ctx);
        const stop = new AbortController();
        const events = await ctx.submissionEvents.open(args.id, stop.signal);
        try {
          const current = await readSubmission(ctx, args.id);
          if (!current) throw notFound(`No submission ${args.id}`);
          yield { submissionUpdated: current };
          let lastStatus = current.status;
          if (lastStatus === "FINISHED") return;
          for await (const _event of events) {
            const fresh = await ctx.db.submission.findUniqueOrThrow({ where: { id: args.id } });
            if (fresh.status === lastStatus) continue;
            lastStatus = fresh.status;
            yield { submissionUpdated: fresh };
            if (fresh.status === "FINISHED") return;
          }
        } finally {
          stop.abort();
        }
      },
    },
  },
  Submission: {
    question: (submission: Submission, _: unknown, ctx: Context) => questionByProblemId(ctx).load(submission.problemId),
    tests: (submission: Submission) => submission.tests as unknown[],
    warnings: (submission: Submission) => submission.warnings as string[],
    compileError: (submission: Submission) => (submission.compileError ? JSON.parse(submission.compileError) : null),
    percentile: (submission: Submission, _: unknown, ctx: Context) =>
      submission.verdict === "ACCEPTED" && submission.mode === "FULL"
        ? percentileBySubmissionId(ctx).load(submission.id)
        : null,
  },
};
