import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { z } from "zod";
import type { Config } from "../../config.ts";
import { type Db, isUuid } from "../../db.ts";
import { Prisma, type Submission } from "../../generated/prisma/client.ts";
import type { AuthUser } from "../../graphql/context.ts";
import { decodeCursor, encodeCursor } from "../../lib/keyset-cursor.ts";
import { hitRateLimitOrAllow } from "../../lib/rate-limit.ts";
import { isRedisDown } from "../../lib/redis-connection.ts";
import { enqueueSubmission, type GradeJobData } from "./queue.ts";

export const MAX_CODE_BYTES = 64 * 1024;

export const submitSchema = z.object({
  slug: z.string().trim().min(1, "is required").max(200),
  language: z.enum(["TYPESCRIPT", "JAVASCRIPT"], { message: "must be TYPESCRIPT or JAVASCRIPT" }),
  code: z
    .string()
    .refine((code) => code.trim().length > 0, "must not be empty")
    .refine(
      (code) => Buffer.byteLength(code, "utf8") <= MAX_CODE_BYTES,
      `must be at most ${MAX_CODE_BYTES} bytes (64 KiB)`,
    ),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, "must be 1–100 letters, digits or _ . : -")
    .nullish(),
});
export type SubmitInput = z.infer<typeof submitSchema>;
export type SubmissionMode = "FULL" | "SAMPLES";

export type SubmissionDeps = {
  db: Db;
  redis: Redis;
  gradeQueue: Queue<GradeJobData>;
  config: Pick<Config, "REDIS_PREFIX" | "SUBMIT_RATE_LIMIT_PER_MINUTE">;
  log: Logger;
};

export class ProblemNotFoundError extends Error {
  override name = "ProblemNotFoundError";
}

export class SubmitRateLimitedError extends Error {
  override name = "SubmitRateLimitedError";
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Too many submissions; retry in ${retryAfterSeconds} s.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class SubmissionAccessError extends Error {
  override name = "SubmissionAccessError";
}

export class IdempotencyKeyReusedError extends Error {
  override name = "IdempotencyKeyReusedError";
  constructor() {
    super("was already used for a different request (another problem, language, code or mode)");
  }
}

async function findByIdempotencyKey(
  db: Db,
  userId: string,
  key: string | null | undefined,
): Promise<(Submission & { problem: { question: { slug: string } } }) | null> {
  return key
    ? db.submission.findUnique({
        where: { userId_idempotencyKey: { userId, idempotencyKey: key } },
        include: { problem: { select: { question: { select: { slug: true } } } } },
      })
    : null;
}

/**
 * A retry with the same key gets the first submission back; the same key with anything else changed is a
 * client bug that would silently lose the new request, so it is refused (as payment APIs do).
 */
async function replayOf(db: Db, userId: string, input: SubmitInput, mode: SubmissionMode): Promise<Submission | null> {
  const previous = await findByIdempotencyKey(db, userId, input.idempotencyKey);
  if (!previous) return null;
  const { problem, ...submission } = previous;
  const same =
    problem.question.slug === input.slug &&
    submission.language === input.language &&
    submission.code === input.code &&
    submission.mode === mode;
  if (!same) throw new IdempotencyKeyReusedError();
  return submission;
}

/** Rate limiting must not turn a Redis outage into refused submissions: it fails open. */
async function enforceRateLimit(deps: SubmissionDeps, userId: string): Promise<void> {
  const key = `${deps.config.REDIS_PREFIX}:ratelimit:submit:${userId}`;
  const result = await hitRateLimitOrAllow(deps.redis, key, deps.config.SUBMIT_RATE_LIMIT_PER_MINUTE, 60, deps.log);
  if (!result.allowed) throw new SubmitRateLimitedError(result.retryAfterSeconds);
}

/**
 * The transactional outbox: the QUEUED row is committed first, then the job is enqueued with
 * jobId = submission id. If Redis is down the submission stays QUEUED and the sweeper enqueues it.
 */
export async function submit(
  deps: SubmissionDeps,
  user: AuthUser,
  input: SubmitInput,
  mode: SubmissionMode,
): Promise<Submission> {
  const replay = await replayOf(deps.db, user.id, input, mode);
  if (replay) return replay;
  await enforceRateLimit(deps, user.id);

  const question = await deps.db.question.findUnique({ where: { slug: input.slug }, include: { codingProblem: true } });
  if (question?.status !== "PUBLISHED" || !question.codingProblem) {
    throw new ProblemNotFoundError(`No published coding problem with slug "${input.slug}"`);
  }
  let submission: Submission;
  try {
    submission = await deps.db.submission.create({
      data: {
        userId: user.id,
        problemId: question.codingProblem.id,
        language: input.language,
        code: input.code,
        mode,
        idempotencyKey: input.idempotencyKey ?? null,
      },
    });
  } catch (error) {
    // Two concurrent retries with the same key: the loser returns the winner's submission.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await replayOf(deps.db, user.id, input, mode);
      if (winner) return winner;
    }
    throw error;
  }
  // With Redis down the row stays QUEUED and the sweeper enqueues it; the learner is answered at once.
  if (isRedisDown(deps.redis))
    deps.log.warn({ submissionId: submission.id }, "Redis is down; the sweeper will enqueue");
  else await enqueueSubmission(deps.db, deps.gradeQueue, submission.id, deps.log);
  return submission;
}

/** Owner or admin only. */
export async function getSubmission(db: Db, id: string, viewer: AuthUser): Promise<Submission | null> {
  if (!isUuid(id)) return null;
  const submission = await db.submission.findUnique({ where: { id } });
  if (!submission) return null;
  if (submission.userId !== viewer.id && viewer.role !== "ADMIN") {
    throw new SubmissionAccessError("This submission belongs to another user.");
  }
  return submission;
}

export const mySubmissionsSchema = z.object({
  slug: z.string().trim().min(1).max(200).nullish(),
  first: z.number().int().min(0, "must be ≥ 0").max(100, "must be ≤ 100").default(20),
  after: z.string().max(200).nullish(),
});
export type MySubmissionsInput = z.infer<typeof mySubmissionsSchema>;

/** Newest first, keyset-paged on (createdAt, id). */
export async function listMySubmissions(db: Db, userId: string, input: MySubmissionsInput) {
  const where: Prisma.SubmissionWhereInput = {
    userId,
    ...(input.slug ? { problem: { question: { slug: input.slug } } } : {}),
  };
  const after = input.after ? decodeCursor(input.after) : null;
  const pageWhere: Prisma.SubmissionWhereInput = after
    ? {
        AND: [
          where,
          { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] },
        ],
      }
    : where;
  const [rows, totalCount] = await Promise.all([
    db.submission.findMany({
      where: pageWhere,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.first + 1,
    }),
    db.submission.count({ where }),
  ]);
  const edges = rows.slice(0, input.first).map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > input.first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/**
 * Percent of accepted full submissions of the same problem that this one is at least as fast as
 * (ties count half), for a batch of submissions in one statement.
 */
export async function runtimePercentiles(db: Db, submissionIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ id: string; percentile: number | null }[]>`
    SELECT s.id::text AS id,
      100.0 * (
        COUNT(*) FILTER (WHERE o."runtimeMs" > s."runtimeMs") + 0.5 * (COUNT(*) FILTER (WHERE o."runtimeMs" = s."runtimeMs") - 1)
      ) / NULLIF(COUNT(*) - 1, 0) AS percentile
    FROM "Submission" s
    JOIN "Submission" o ON o."problemId" = s."problemId" AND o.verdict = 'ACCEPTED' AND o.mode = 'FULL'
    WHERE s.id = ANY(${submissionIds as string[]}::uuid[]) AND s.verdict = 'ACCEPTED' AND s.mode = 'FULL'
    GROUP BY s.id, s."runtimeMs"`;
  return new Map(rows.map((row) => [row.id, row.percentile === null ? 100 : Number(row.percentile)]));
}
