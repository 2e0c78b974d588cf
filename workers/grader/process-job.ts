import type { Logger } from "pino";
import { type Db, isUuid, utcTimestamp } from "../../src/db.ts";
import { type Language, Prisma, type SubmissionMode } from "../../src/generated/prisma/client.ts";
import { getKernel } from "../../src/kernels/index.ts";
import type { TestPlan } from "../../src/modules/questions/samples.ts";
import type { GradeResult } from "../grading/grade.ts";
import { gradeSubmission } from "../grading/grade.ts";
import type { TypeChecker } from "../grading/type-check.ts";
import type { ExecutorPool } from "../sandbox/pool.ts";
import { announce, internalErrorResult, type VerdictDeps, writeVerdict } from "./finish.ts";

export type GradeJobDeps = VerdictDeps & {
  pool: ExecutorPool;
  typeChecker: TypeChecker;
  /** The deployment's hidden-test secret, read once (a failed read fails the job, which is retried). */
  hiddenTestSecret(): Promise<string>;
};

export type GradeOutcome =
  | { status: "graded"; result: GradeResult; mode: SubmissionMode; submitToVerdictMs: number }
  | { status: "skipped"; reason: string };

/** What grading needs: the submission, its problem's settings and the learner's time zone. */
type ClaimedSubmission = {
  id: string;
  userId: string;
  code: string;
  language: Language;
  mode: SubmissionMode;
  createdAt: Date;
  questionId: string;
  kernelId: string;
  testPlan: TestPlan;
  atol: number;
  rtol: number;
  timeLimitMs: number;
  memoryLimitMb: number;
  timeZone: string;
};

/**
 * Marks the submission RUNNING (one more start) and loads what grading needs, in one statement; a finished
 * or unknown submission matches nothing.
 */
async function claimSubmission(db: Db, submissionId: string): Promise<ClaimedSubmission | null> {
  const rows = await db.$queryRaw<ClaimedSubmission[]>(Prisma.sql`
    UPDATE "Submission" AS s
    SET "status" = 'RUNNING', "startedAt" = ${utcTimestamp(new Date())}, "attempts" = s."attempts" + 1
    FROM "CodingProblem" AS p, "User" AS u
    WHERE s."id" = ${submissionId}::uuid AND s."status" IN ('QUEUED', 'RUNNING')
      AND p."id" = s."problemId" AND u."id" = s."userId"
    RETURNING s."id"::text, s."userId"::text, s."code", s."language"::text, s."mode"::text, s."createdAt",
      p."questionId"::text, p."kernelId", p."testPlan", p."atol", p."rtol", p."timeLimitMs", p."memoryLimitMb",
      u."timeZone"`);
  return rows[0] ?? null;
}

/**
 * Grades one submission. Learner faults are verdicts; infrastructure faults (InfrastructureError from the
 * pool, a database or Redis error) are thrown so the queue retries the job with backoff.
 */
export async function processGradeJob(deps: GradeJobDeps, submissionId: string, log: Logger): Promise<GradeOutcome> {
  const started = performance.now();
  if (!isUuid(submissionId)) return { status: "skipped", reason: "not a submission id" };
  const submission = await claimSubmission(deps.db, submissionId);
  if (!submission) return { status: "skipped", reason: "already finished or unknown" };
  await announce(deps, submissionId, "RUNNING");
  const loaded = performance.now();
  const kernel = getKernel(submission.kernelId);
  const result = kernel
    ? await gradeSubmission(
        {
          code: submission.code,
          language: submission.language,
          // The problem may tighten or loosen the kernel's default tolerances.
          kernel: { ...kernel, tolerance: { atol: submission.atol, rtol: submission.rtol } },
          seed: submission.testPlan.seed,
          hiddenTestSecret: await deps.hiddenTestSecret(),
          testCounts: { ...kernel.testCounts, ...submission.testPlan.counts },
          mode: submission.mode,
          timeLimitMs: submission.timeLimitMs,
          memoryLimitMb: submission.memoryLimitMb,
        },
        deps.pool,
        deps.typeChecker,
      )
    : internalErrorResult(`The problem names an unknown kernel "${submission.kernelId}".`);
  const graded = performance.now();
  const finishedAt = await writeVerdict(deps, submission, submission.questionId, result, submission.timeZone);
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
