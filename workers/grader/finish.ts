import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type Db, utcTimestamp } from "../../src/db.ts";
import { Prisma, type Submission } from "../../src/generated/prisma/client.ts";
import {
  activityDay,
  activityUpsertSql,
  progressUpsertSql,
  submissionProgressEvent,
} from "../../src/modules/progress/service.ts";
import { publishSubmissionEvent } from "../../src/modules/submissions/events.ts";
import type { GradeResult } from "../judge/grade.ts";

export type VerdictDeps = { db: Db; redis: Redis; prefix: string; log: Logger };

/**
 * Writes the verdict, per-test results and the learner's progress in ONE statement (data-modifying CTEs
 * commit or fail together), exactly once: the conditional update only matches a submission that is not
 * FINISHED yet, and the progress and activity upserts insert one row per row it matched, so a retried or
 * duplicated job that reaches this point again changes nothing. Returns the finish time, or null when the
 * verdict was already written. `timeZone` (the learner's) saves a lookup when the caller has it.
 */
export async function writeVerdict(
  deps: VerdictDeps,
  submission: Pick<Submission, "id" | "userId" | "mode">,
  questionId: string,
  result: GradeResult,
  timeZone?: string,
): Promise<Date | null> {
  const finishedAt = new Date();
  const finish = Prisma.sql`
    UPDATE "Submission" SET
      "status" = 'FINISHED',
      "verdict" = ${result.verdict}::"Verdict",
      "tests" = ${JSON.stringify(result.tests)}::jsonb,
      "warnings" = ${JSON.stringify(result.warnings)}::jsonb,
      "compileError" = ${result.compileError ? JSON.stringify(result.compileError) : null},
      "runtimeMs" = ${result.runtimeMs}::double precision,
      "perfRatio" = ${result.perfRatio}::double precision,
      "memoryMb" = ${result.memoryMb}::double precision,
      "finishedAt" = ${utcTimestamp(finishedAt)}
    WHERE "id" = ${submission.id}::uuid AND "status" <> 'FINISHED'
    RETURNING "id"`;
  // Sample runs do not count as attempts: only a FULL run adds the progress and activity upserts.
  let counted = Prisma.empty;
  if (submission.mode === "FULL") {
    const zone =
      timeZone ??
      (await deps.db.user.findUnique({ where: { id: submission.userId }, select: { timeZone: true } }))?.timeZone ??
      "UTC";
    const event = submissionProgressEvent({
      userId: submission.userId,
      questionId,
      accepted: result.verdict === "ACCEPTED",
      runtimeMs: result.runtimeMs,
      at: finishedAt,
    });
    const fromFinished = Prisma.sql`FROM finished`;
    counted = Prisma.sql`,
      progress AS (${progressUpsertSql(event, fromFinished)}),
      activity AS (${activityUpsertSql(submission.userId, activityDay(finishedAt, zone), fromFinished)})`;
  }
  const [row] = await deps.db.$queryRaw<{ written: number }[]>`
    WITH finished AS (${finish})${counted}
    SELECT count(*)::int AS "written" FROM finished`;
  if (!row || row.written === 0) return null;
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
    memoryMb: null,
    compileError: null,
    warnings: [message],
  };
}
