import type { Logger } from "pino";
import { Prisma } from "../../src/generated/prisma/client.ts";
import { getKernel } from "../../src/kernels/index.ts";
import type { TestPlan } from "../../src/modules/questions/samples.ts";
import type { GradeResult } from "../grading/grade.ts";
import { gradeSubmission } from "../grading/grade.ts";
import type { ExecutorPool } from "../sandbox/pool.ts";
import { announce, internalErrorResult, type VerdictDeps, writeVerdict } from "./finish.ts";

export type GradeJobDeps = VerdictDeps & { pool: ExecutorPool };

export type GradeOutcome =
  | { status: "graded"; result: GradeResult; mode: "FULL" | "SAMPLES"; submitToVerdictMs: number }
  | { status: "skipped"; reason: string };

/**
 * Grades one submission. Learner faults are verdicts; infrastructure faults (InfrastructureError from the
 * pool, a database or Redis error) are thrown so the queue retries the job with backoff.
 */
export async function processGradeJob(deps: GradeJobDeps, submissionId: string, log: Logger): Promise<GradeOutcome> {
  const started = performance.now();
  // One conditional update that also loads what grading needs; a finished submission does not match.
  const submission = await deps.db.submission
    .update({
      where: { id: submissionId, status: { in: ["QUEUED", "RUNNING"] } },
      data: { status: "RUNNING", startedAt: new Date(), attempts: { increment: 1 } },
      include: { problem: true, user: { select: { timeZone: true } } },
    })
    .catch((error: unknown) => {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return null;
      throw error;
    });
  if (!submission) return { status: "skipped", reason: "already finished or unknown" };
  await announce(deps, submissionId, "RUNNING");
  const { problem } = submission;
  const loaded = performance.now();
  const kernel = getKernel(problem.kernelId);
  const plan = problem.testPlan as TestPlan;
  const result = kernel
    ? await gradeSubmission(
        {
          code: submission.code,
          language: submission.language,
          // The problem may tighten or loosen the kernel's default tolerances.
          kernel: { ...kernel, tolerance: { atol: problem.atol, rtol: problem.rtol } },
          seed: plan.seed,
          testCounts: { ...kernel.testCounts, ...plan.counts },
          mode: submission.mode,
          timeLimitMs: problem.timeLimitMs,
          memoryLimitMb: problem.memoryLimitMb,
        },
        deps.pool,
      )
    : internalErrorResult(`The problem names an unknown kernel "${problem.kernelId}".`);
  const graded = performance.now();
  const finishedAt = await writeVerdict(deps, submission, problem.questionId, result, submission.user.timeZone);
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
