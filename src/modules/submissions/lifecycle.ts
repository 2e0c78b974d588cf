// Every state transition of a submission, in one place: QUEUED (created by submit), RUNNING (claimed by a
// grader), FINISHED (a verdict, written once, with the learner's progress). The API's submit and the grader
// worker call these; neither writes a submission's state itself.

import type { Logger } from "pino";
import { type Db, utcTimestamp } from "../../db.ts";
import { type Language, Prisma, type Submission, type SubmissionMode } from "../../generated/prisma/client.ts";
import { type GradeResult, internalErrorResult } from "../../grading/result.ts";
import type { StoredTestPlan } from "../../kernels/problem-tests.ts";
import type { RedisClient } from "../../lib/redis-connection.ts";
import { inSpan, SPAN } from "../../lib/tracing.ts";
import { activityDay, activityUpsertSql, progressUpsertSql, submissionProgressEvent } from "../progress/activity.ts";
import { recordEarnedSolvesSql } from "../progress/solved-rule.ts";
import { publishSubmissionEvent, type SubmissionEvent } from "./events.ts";

/** What the grader side needs to move a submission along (events are published on `redis` under `prefix`). */
export type LifecycleDeps = { db: Db; redis: RedisClient; prefix: string; log: Logger };

export type NewSubmission = Pick<Submission, "userId" | "problemId" | "language" | "code" | "mode"> & {
  idempotencyKey: string | null;
};

/** An earlier submission under the same idempotency key, with what tells whether a retry is the same request. */
export type ReplayCandidate = Submission & { problem: { question: { slug: string } } };

/** The learner's earlier submission with this idempotency key, if any. */
export async function findByIdempotencyKey(
  db: Db,
  userId: string,
  key: string | null | undefined,
): Promise<ReplayCandidate | null> {
  return key
    ? db.submission.findUnique({
        where: { userId_idempotencyKey: { userId, idempotencyKey: key } },
        include: { problem: { select: { question: { select: { slug: true } } } } },
      })
    : null;
}

/**
 * → QUEUED. Two concurrent retries with the same idempotency key: the loser gets the winner's row, with
 * `created` false (the winner enqueues it).
 */
export async function createQueued(
  db: Db,
  data: NewSubmission,
): Promise<{ submission: Submission; created: true } | { submission: ReplayCandidate; created: false }> {
  try {
    return { submission: await db.submission.create({ data: { ...data, status: "QUEUED" } }), created: true };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await findByIdempotencyKey(db, data.userId, data.idempotencyKey);
      if (winner) return { submission: winner, created: false };
    }
    throw error;
  }
}

/** A submission claimed for grading, with its problem's settings and the learner's time zone. */
export type ClaimedSubmission = {
  id: string;
  userId: string;
  code: string;
  language: Language;
  mode: SubmissionMode;
  createdAt: Date;
  questionId: string;
  kernelId: string;
  testPlan: StoredTestPlan;
  atol: number;
  rtol: number;
  timeLimitMs: number;
  memoryLimitMb: number;
  timeZone: string;
};

/**
 * QUEUED or RUNNING → RUNNING (one more start), loading what grading needs, in one statement; a finished or
 * unknown submission matches nothing (null).
 */
export async function claim(deps: LifecycleDeps, submissionId: string): Promise<ClaimedSubmission | null> {
  const rows = await deps.db.$queryRaw<ClaimedSubmission[]>(Prisma.sql`
    UPDATE "Submission" AS s
    SET "status" = 'RUNNING', "startedAt" = ${utcTimestamp(new Date())}, "attempts" = s."attempts" + 1
    FROM "CodingProblem" AS p, "User" AS u
    WHERE s."id" = ${submissionId}::uuid AND s."status" IN ('QUEUED', 'RUNNING')
      AND p."id" = s."problemId" AND u."id" = s."userId"
    RETURNING s."id"::text, s."userId"::text, s."code", s."language"::text, s."mode"::text, s."createdAt",
      p."questionId"::text, p."kernelId", p."testPlan", p."atol", p."rtol", p."timeLimitMs", p."memoryLimitMb",
      u."timeZone"`);
  const claimed = rows[0] ?? null;
  if (claimed) await announce(deps, claimed.id, "RUNNING");
  return claimed;
}

/**
 * → FINISHED: writes the verdict, per-test results, the learner's progress and (when it earns one) the leaderboard
 * solve in ONE statement
 * (data-modifying CTEs commit or fail together), exactly once: the conditional update only matches a
 * submission that is not FINISHED yet, and the progress and activity upserts insert one row per row it
 * matched, so a retried or duplicated job that reaches this point again changes nothing. Returns the finish
 * time, or null when the verdict was already written. `timeZone` (the learner's) saves a lookup when the
 * caller has it.
 */
export async function finish(
  deps: LifecycleDeps,
  submission: Pick<Submission, "id" | "userId" | "mode">,
  questionId: string,
  result: GradeResult,
  timeZone?: string,
): Promise<Date | null> {
  const finishedAt = new Date();
  const finished = Prisma.sql`
    UPDATE "Submission" SET
      "status" = 'FINISHED',
      "verdict" = ${result.verdict}::"Verdict",
      "tests" = ${JSON.stringify(result.tests)}::jsonb,
      "warnings" = ${JSON.stringify(result.warnings)}::jsonb,
      "compileError" = ${result.compileError ? JSON.stringify(result.compileError) : null},
      "runtimeMs" = ${result.runtimeMs}::double precision,
      "perfRatio" = ${result.perfRatio}::double precision,
      "perfNote" = ${result.perfNote},
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
    // An ACCEPTED verdict may earn a leaderboard solve (SOLVED_RULE): recorded from the upserted Progress row.
    const earned =
      event.outcome === "SOLVED"
        ? Prisma.sql`,
      earned AS (${recordEarnedSolvesSql(Prisma.sql`SELECT * FROM progress`)})`
        : Prisma.empty;
    counted = Prisma.sql`,
      progress AS (${progressUpsertSql(event, fromFinished)}),
      activity AS (${activityUpsertSql(submission.userId, activityDay(finishedAt, zone), fromFinished)})${earned}`;
  }
  const [row] = await inSpan(
    SPAN.writeResult,
    { "dojo.submission.id": submission.id, "dojo.verdict": result.verdict },
    () => deps.db.$queryRaw<{ written: number }[]>`
      WITH finished AS (${finished})${counted}
      SELECT count(*)::int AS "written" FROM finished`,
  );
  if (!row || row.written === 0) return null;
  await announce(deps, submission.id, "FINISHED");
  return finishedAt;
}

/**
 * → FINISHED with INTERNAL_ERROR and `message` as its warning, when the infrastructure gave up on it (retries
 * spent, too many starts). Returns the submission's mode when this wrote the verdict, null when it was
 * already finished or does not exist.
 */
export async function failWithInternalError(
  deps: LifecycleDeps,
  submissionId: string,
  message: string,
): Promise<SubmissionMode | null> {
  const submission = await deps.db.submission.findUnique({
    where: { id: submissionId },
    select: { id: true, userId: true, mode: true, problem: { select: { questionId: true } } },
  });
  if (!submission) return null;
  const written = await finish(deps, submission, submission.problem.questionId, internalErrorResult([message]));
  return written ? submission.mode : null;
}

export type StaleQuery = {
  /** A QUEUED submission created before `now - queuedGraceMs` may have lost its job. */
  queuedGraceMs: number;
  /** A RUNNING submission started before `now - runningGraceMs` may have lost its grader. */
  runningGraceMs: number;
  limit: number;
  now: Date;
};

/** Submissions that may have lost their job (oldest first), for the sweeper to check and re-enqueue. */
export function findStale(db: Db, query: StaleQuery): Promise<{ id: string; attempts: number }[]> {
  const now = query.now.getTime();
  return db.submission.findMany({
    where: {
      OR: [
        { status: "QUEUED", createdAt: { lt: new Date(now - query.queuedGraceMs) } },
        { status: "RUNNING", startedAt: { lt: new Date(now - query.runningGraceMs) } },
      ],
    },
    select: { id: true, attempts: true },
    orderBy: { createdAt: "asc" },
    take: query.limit,
  });
}

/** Best effort: a lost event only delays a live view; the row is the source of truth. */
async function announce(deps: LifecycleDeps, id: string, status: SubmissionEvent["status"]): Promise<void> {
  await inSpan(SPAN.publishEvent, { "dojo.submission.id": id, "dojo.submission.status": status }, () =>
    publishSubmissionEvent(deps.redis, deps.prefix, { id, status }),
  ).catch((error: unknown) => deps.log.warn({ err: error, submissionId: id }, "could not publish a submission event"));
}
