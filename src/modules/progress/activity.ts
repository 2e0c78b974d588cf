import { utcTimestamp } from "../../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { canonicalTimeZone, localDate } from "../../lib/timezone.ts";
import { recordEarnedSolvesSql } from "./solved-rule.ts";

/**
 * Progress and activity writes. Each is a single INSERT … ON CONFLICT statement: concurrent transactions on
 * the same row serialise on its unique key instead of reading and then writing. The functions take the
 * caller's transaction client; the *Sql builders return the statements themselves, so the grader can make
 * them part of its one verdict statement.
 */

type Tx = Prisma.TransactionClient;

/** SOLVED: a first ACCEPTED submission or a GOOD/EASY review. ATTEMPTED: anything else that counts. LAPSED: AGAIN on a review. */
export type Outcome = "SOLVED" | "ATTEMPTED" | "LAPSED";

export type SubmissionResult = {
  userId: string;
  questionId: string;
  accepted: boolean;
  runtimeMs: number | null;
  at: Date;
  /** The learner's time zone when the caller already has it (saves a lookup). */
  timeZone?: string;
};

export type ProgressWrite = { status: string; attempts: number; day: string };

function checkInstant(at: Date): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new RangeError("at: must be a valid Date");
}

/** The learner's local date of `at` (their time zone; UTC when it is unset or unknown). */
export function activityDay(at: Date, timeZone: string): string {
  checkInstant(at);
  return localDate(at, canonicalTimeZone(timeZone) ?? "UTC");
}

/**
 * The ActivityDay upsert as one statement. `source` is a FROM clause (the statement inserts one row per
 * source row, e.g. none when a conditional update before it matched nothing) or nothing (one row).
 */
export function activityUpsertSql(userId: string, day: string, source: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "ActivityDay" ("userId", "day", "count") SELECT ${userId}::uuid, ${day}::date, 1 ${source}
    ON CONFLICT ("userId", "day") DO UPDATE SET "count" = "ActivityDay"."count" + 1`;
}

/** Counts one activity on the learner's local date (their time zone; UTC when it is unset or unknown). Returns the date. */
export async function recordActivity(tx: Tx, userId: string, at: Date, timeZone?: string): Promise<string> {
  checkInstant(at);
  const zone =
    timeZone ?? (await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } })).timeZone;
  const day = activityDay(at, zone);
  await tx.$executeRaw(activityUpsertSql(userId, day));
  return day;
}

type ProgressEvent = { userId: string; questionId: string; outcome: Outcome; at: Date; runtimeMs?: number | null };

/**
 * The Progress upsert for one counted event as one statement (`source` as in activityUpsertSql); it returns
 * the row's new status and attempts, and its key and first-solved time (for recordEarnedSolvesSql). The rules are
 * applyProgressOutcome's.
 */
export function progressUpsertSql(input: ProgressEvent, source: Prisma.Sql = Prisma.empty): Prisma.Sql {
  checkInstant(input.at);
  const at = utcTimestamp(input.at);
  const solved = input.outcome === "SOLVED";
  const runtime = solved ? (input.runtimeMs ?? null) : null;
  if (runtime !== null && !(Number.isFinite(runtime) && runtime >= 0)) {
    throw new RangeError("runtimeMs: must be a finite number ≥ 0 or null");
  }
  return Prisma.sql`
    INSERT INTO "Progress" AS p
      ("id", "userId", "questionId", "status", "attempts", "firstSolvedAt", "bestRuntimeMs", "lastActivityAt",
       "createdAt", "updatedAt")
    SELECT
      gen_random_uuid(), ${input.userId}::uuid, ${input.questionId}::uuid,
      ${solved ? "SOLVED" : "ATTEMPTED"}::"ProgressStatus", 1,
      CASE WHEN ${solved} THEN ${at} END,
      ${runtime}::double precision,
      ${at}, ${at}, ${at}
    ${source}
    ON CONFLICT ("userId", "questionId") DO UPDATE SET
      "attempts" = p."attempts" + 1,
      "status" = CASE
        WHEN ${input.outcome} = 'SOLVED' THEN 'SOLVED'::"ProgressStatus"
        WHEN p."status" = 'NOT_STARTED' THEN 'ATTEMPTED'::"ProgressStatus"
        WHEN ${input.outcome} = 'LAPSED' AND p."status" = 'SOLVED' THEN 'REVIEWING'::"ProgressStatus"
        ELSE p."status" END,
      "firstSolvedAt" = COALESCE(p."firstSolvedAt", EXCLUDED."firstSolvedAt"),
      "bestRuntimeMs" = LEAST(p."bestRuntimeMs", EXCLUDED."bestRuntimeMs"),
      "lastActivityAt" = GREATEST(p."lastActivityAt", EXCLUDED."lastActivityAt"),
      "updatedAt" = EXCLUDED."updatedAt"
    RETURNING "status"::text AS "status", "attempts", "userId", "questionId", "firstSolvedAt"`;
}

/**
 * Applies one counted event to the learner's Progress row:
 * NOT_STARTED → ATTEMPTED on any event; → SOLVED on SOLVED (firstSolvedAt kept from the first time);
 * SOLVED → REVIEWING on LAPSED (a solved concept forgotten in review), back to SOLVED on the next SOLVED.
 * bestRuntimeMs is the minimum over the runtimes given with SOLVED outcomes.
 */
export async function applyProgressOutcome(
  tx: Tx,
  input: ProgressEvent,
): Promise<{ status: string; attempts: number }> {
  // A solve also records the earned solve (leaderboard), in the same statement as the grader does.
  const upsert = progressUpsertSql(input);
  const statement =
    input.outcome === "SOLVED"
      ? Prisma.sql`WITH progress AS (${upsert}), earned AS (${recordEarnedSolvesSql(Prisma.sql`SELECT * FROM progress`)})
          SELECT "status", "attempts" FROM progress`
      : upsert;
  const rows = await tx.$queryRaw<{ status: string; attempts: number }[]>(statement);
  const row = rows[0];
  if (!row) throw new Error("progress upsert returned no row");
  return { status: row.status, attempts: row.attempts };
}

/** The Progress event of a graded submission: SOLVED when accepted, ATTEMPTED otherwise. */
export function submissionProgressEvent(result: SubmissionResult): ProgressEvent {
  return {
    userId: result.userId,
    questionId: result.questionId,
    outcome: result.accepted ? "SOLVED" : "ATTEMPTED",
    at: result.at,
    runtimeMs: result.runtimeMs,
  };
}

/**
 * What a counted (non-sample) submission changes: attempts + 1, SOLVED on the first ACCEPTED, best runtime
 * over accepted runs, one activity on the local date. The grader writes the same statements inside its
 * verdict statement.
 */
export async function recordSubmissionResult(tx: Tx, result: SubmissionResult): Promise<ProgressWrite> {
  const progress = await applyProgressOutcome(tx, submissionProgressEvent(result));
  const day = await recordActivity(tx, result.userId, result.at, result.timeZone);
  return { ...progress, day };
}
