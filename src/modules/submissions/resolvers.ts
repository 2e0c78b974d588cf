import type { Resolvers } from "../../generated/graphql.ts";
import type { Submission } from "../../generated/prisma/client.ts";
import type { CompileError, TestResult } from "../../grading/result.ts";
import { DomainError } from "../../lib/domain-errors.ts";
import type { LocaleArgs } from "../../lib/locale.ts";
import { type Context, requireUser } from "../auth/context.ts";
import { readableQuestion } from "../questions/visibility.ts";
import { judgeMessageIn } from "./judge-messages.ts";
import { percentileBySubmissionId, questionByProblemId } from "./loaders.ts";
import {
  getSubmission,
  listMySubmissions,
  type SubmissionMode,
  type SubmissionServices,
  submissionUpdates,
  submit,
} from "./service.ts";

type SubmissionsContext = Context & SubmissionServices;

function submitAs(ctx: SubmissionsContext, input: unknown, mode: SubmissionMode): Promise<Submission> {
  return submit(ctx, requireUser(ctx), input, mode);
}

export const resolvers: Resolvers<SubmissionsContext> = {
  Query: {
    submission: (_: unknown, args: { id: string }, ctx: Context) => getSubmission(ctx.db, args.id, requireUser(ctx)),
    mySubmissions: (_, args, ctx) => listMySubmissions(ctx.db, requireUser(ctx).id, args),
  },
  Mutation: {
    submitSolution: (_: unknown, args: { input: unknown }, ctx: SubmissionsContext) =>
      submitAs(ctx, args.input, "FULL"),
    runSamples: (_: unknown, args: { input: unknown }, ctx: SubmissionsContext) => submitAs(ctx, args.input, "SAMPLES"),
  },
  Subscription: {
    submissionUpdated: {
      subscribe: async function* (_: unknown, args: { id: string }, ctx: SubmissionsContext) {
        try {
          for await (const submission of submissionUpdates(ctx, args.id, requireUser(ctx), ctx.token)) {
            yield { submissionUpdated: submission };
          }
        } catch (error) {
          // An error ending the stream reaches the client without passing the request's error hooks.
          if (error instanceof DomainError) error.localize(ctx.locale);
          throw error;
        }
      },
    },
  },
  Submission: {
    question: async (submission: Submission, _: unknown, ctx: Context) =>
      readableQuestion(await questionByProblemId(ctx).load(submission.problemId), ctx.user),
    tests: (submission: Submission) => submission.tests as TestResult[],
    warnings: (submission: Submission) => submission.warnings as string[],
    compileError: (submission: Submission) => (submission.compileError ? JSON.parse(submission.compileError) : null),
    percentile: (submission: Submission, _: unknown, ctx: Context) =>
      submission.verdict === "ACCEPTED" && submission.mode === "FULL"
        ? percentileBySubmissionId(ctx).load(submission.id)
        : null,
    perfNote: (submission: Submission, args: LocaleArgs) => judgeMessageIn(submission.perfNote, args.locale ?? "ZH"),
  },
  TestResult: {
    message: (test: TestResult, args: LocaleArgs) => judgeMessageIn(test.message, args.locale ?? "ZH"),
  },
  CompileError: {
    message: (error: CompileError, args: LocaleArgs) => judgeMessageIn(error.message, args.locale ?? "ZH"),
  },
};
