import type { Logger } from "pino";
import type { SubmissionMode } from "../../src/generated/prisma/client.ts";
import { type GradeResult, internalErrorResult } from "../../src/grading/result.ts";
import { plannedTestCounts } from "../../src/kernels/problem-tests.ts";
import { inSpan, SPAN } from "../../src/lib/tracing.ts";
import { isUuid } from "../../src/lib/uuid.ts";
import { type ClaimedSubmission, claim, finish, type LifecycleDeps } from "../../src/modules/submissions/lifecycle.ts";
import { getKernel } from "../../src/problems/registry.ts";
import { gradeSubmission } from "../judge/grade.ts";
import type { RuntimeRegistry } from "../judge/registry.ts";

export type GradeJobDeps = LifecycleDeps & {
  runtimes: RuntimeRegistry;
  /** The deployment's hidden-test secret, read once (a failed read fails the job, which is retried). */
  hiddenTestSecret(): Promise<string>;
};

export type GradeOutcome =
  | { status: "graded"; result: GradeResult; mode: SubmissionMode; submitToVerdictMs: number }
  | { status: "skipped"; reason: string };

/** The judge's verdict on a claimed submission, with the runtime of its language. */
async function judge(deps: GradeJobDeps, submission: ClaimedSubmission): Promise<GradeResult> {
  const kernel = getKernel(submission.kernelId);
  if (!kernel) {
    return internalErrorResult([`The problem names an unknown kernel "${submission.kernelId}".`]);
  }
  const runtime = deps.runtimes.forLanguage(submission.language);
  if (!runtime) {
    return internalErrorResult([`This grader has no runtime for ${submission.language}.`]);
  }
  return gradeSubmission(
    {
      code: submission.code,
      language: submission.language,
      // The problem may tighten or loosen the kernel's default tolerances.
      kernel: { ...kernel, tolerance: { atol: submission.atol, rtol: submission.rtol } },
      seed: submission.testPlan.seed,
      hiddenTestSecret: await deps.hiddenTestSecret(),
      testCounts: plannedTestCounts(kernel, submission.testPlan),
      mode: submission.mode,
      timeLimitMs: submission.timeLimitMs,
      memoryLimitMb: submission.memoryLimitMb,
    },
    runtime,
  );
}

/**
 * Grades one submission: claim → judge → finish. Learner faults are verdicts; infrastructure faults
 * (InfrastructureError from a runtime, a database or Redis error) are thrown so the queue retries the job
 * with backoff.
 */
export async function processGradeJob(deps: GradeJobDeps, submissionId: string, log: Logger): Promise<GradeOutcome> {
  const started = performance.now();
  if (!isUuid(submissionId)) return { status: "skipped", reason: "not a submission id" };
  const submission = await inSpan(SPAN.claim, { "dojo.submission.id": submissionId }, () => claim(deps, submissionId));
  if (!submission) return { status: "skipped", reason: "already finished or unknown" };
  const loaded = performance.now();
  const result = await inSpan(
    SPAN.judge,
    { "dojo.language": submission.language, "dojo.kernel": submission.kernelId, "dojo.mode": submission.mode },
    async (span) => {
      const verdict = await judge(deps, submission);
      span?.setAttribute("dojo.verdict", verdict.verdict);
      return verdict;
    },
  );
  const graded = performance.now();
  const finishedAt = await finish(deps, submission, submission.questionId, result, submission.timeZone);
  const written = finishedAt !== null;
  const phases = {
    prepareMs: Math.round(loaded - started),
    gradeMs: Math.round(graded - loaded),
    writeMs: Math.round(performance.now() - graded),
  };
  log.info({ submissionId, verdict: result.verdict, runtimeMs: result.runtimeMs, written, ...phases }, "graded");
  return finishedAt
    ? {
        status: "graded",
        result,
        mode: submission.mode,
        submitToVerdictMs: finishedAt.getTime() - submission.createdAt.getTime(),
      }
    : { status: "skipped", reason: "verdict already written" };
}
