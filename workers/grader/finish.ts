import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Db } from "../../src/db.ts";
import type { Prisma, Submission } from "../../src/generated/prisma/client.ts";
import { recordSubmissionResult } from "../../src/modules/progress/service.ts";
import { publishSubmissionEvent } from "../../src/modules/submissions/events.ts";
import type { GradeResult } from "../grading/grade.ts";

export type VerdictDeps = { db: Db; redis: Redis; prefix: string; log: Logger };

/**
 * Writes the verdict, per-test results and the learner's progress in one transaction, exactly once:
 * the conditional update only matches a submission that is not FINISHED yet, so a retried or duplicated
 * job that reaches this point again changes nothing. Returns the finish time, or null when the verdict was
 * already written. `timeZone` (the learner's) saves a lookup when the caller has it.
 */
export async function writeVerdict(
  deps: VerdictDeps,
  submission: Submission,
  questionId: string,
  result: GradeResult,
  timeZone?: string,
): Promise<Date | null> {
  const finishedAt = new Date();
  const written = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.submission.updateMany({
      where: { id: submission.id, status: { not: "FINISHED" } },
      data: {
        status: "FINISHED",
        verdict: result.verdict,
        tests: result.tests as Prisma.InputJsonValue,
        warnings: result.warnings,
        compileError: result.compileError ? JSON.stringify(result.compileError) : null,
        runtimeMs: result.runtimeMs,
        perfRatio: result.perfRatio,
        finishedAt,
      },
    });
    if (count === 0) return false;
    // Sample runs do not count as attempts.
    if (submission.mode === "FULL") {
      await recordSubmissionResult(tx, {
        userId: submission.userId,
        questionId,
        accepted: result.verdict === "ACCEPTED",
        runtimeMs: result.runtimeMs,
        at: finishedAt,
        timeZone,
      });
    }
    return true;
  });
  if (!written) return null;
  await announce(deps, submission.id, "FINISHED");
  return finishedAt;
}

/** Best effort: a lost event only delays a live view; the row is the source of truth. */
export async function announce(
  deps: VerdictDeps,
  id: string,
  status: "QUEUED" | "RUNNING" | "FINISHED",
): Promise<void> {
  await publishSubmissionEvent(deps.redis, deps.prefix, { id, status }).catch((error: unknown) =>
    deps.log.warn({ err: error, submissionId: id }, "could not publish a submission event"),
  );
}

export function internalErrorResult(message: string): GradeResult {
  return {
    verdict: "INTERNAL_ERROR",
    tests: [],
    runtimeMs: null,
    perfRatio: null,
    compileError: null,
    warnings: [message],
  };
}
