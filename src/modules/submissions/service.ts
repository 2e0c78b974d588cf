import type { Queue } from "bullmq";
import type { Logger } from "pino";
import { z } from "zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db.ts";
import type { Prisma, Submission } from "../../generated/prisma/client.ts";
import { enqueueSubmission, type GradeJobData } from "../../grading/queue.ts";
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  parseInput,
  UnauthenticatedError,
} from "../../lib/domain-errors.ts";
import { keysetPage, keysetWindow, type Page } from "../../lib/keyset-cursor.ts";
import { enforceRateLimit } from "../../lib/rate-limit.ts";
import type { RedisClient } from "../../lib/redis-connection.ts";
import { isRedisDown } from "../../lib/redis-connection.ts";
import { isStorableText, slugArgument, UNSTORABLE_TEXT } from "../../lib/text-input.ts";
import { inSpan, SPAN, SpanKind, traceCarrier } from "../../lib/tracing.ts";
import { isUuid } from "../../lib/uuid.ts";
import type { AuthUser } from "../auth/context.ts";
import { revokedTokenChannel } from "../auth/revocation.ts";
import { authenticateToken } from "../auth/service.ts";
import { findPublishedQuestion } from "../content/published.ts";
import { languagesOf } from "../questions/languages.ts";
import { REVOKED, type SubmissionEvent, type SubmissionEvents } from "./events.ts";
import { createQueued, findByIdempotencyKey, type ReplayCandidate } from "./lifecycle.ts";

export const MAX_CODE_BYTES = 64 * 1024;

export const submitSchema = z.object({
  slug: slugArgument,
  language: z.enum(["TYPESCRIPT", "JAVASCRIPT", "PYTHON"], { message: "must be TYPESCRIPT, JAVASCRIPT or PYTHON" }),
  code: z
    .string()
    .refine((code) => code.trim().length > 0, "must not be empty")
    .refine(isStorableText, UNSTORABLE_TEXT)
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

/** The submission services of the API process, on top of every request's (see src/app/context.ts). */
export type SubmissionServices = {
  gradeQueue: Queue<GradeJobData>;
  submissionEvents: SubmissionEvents;
};

export type SubmissionDeps = {
  db: Db;
  redis: RedisClient;
  gradeQueue: Queue<GradeJobData>;
  config: Pick<Config, "REDIS_PREFIX" | "SUBMIT_RATE_LIMIT_PER_MINUTE" | "SAMPLE_RATE_LIMIT_PER_MINUTE">;
  log: Logger;
};

/**
 * A retry with the same key gets the first submission back; the same key with anything else changed is a
 * client bug that would silently lose the new request, so it is refused (as payment APIs do).
 */
function replayOf(previous: ReplayCandidate, input: SubmitInput, mode: SubmissionMode): Submission {
  const { problem, ...submission } = previous;
  const same =
    problem.question.slug === input.slug &&
    submission.language === input.language &&
    submission.code === input.code &&
    submission.mode === mode;
  if (!same) {
    throw new BadUserInputError([
      {
        field: "input.idempotencyKey",
        message: {
          zh: "已用于另一个请求（不同的题目、语言、代码或模式）",
          en: "was already used for a different request (another problem, language, code or mode)",
        },
      },
    ]);
  }
  return submission;
}

/**
 * Full submissions and sample runs have budgets of their own (SUBMIT_ and SAMPLE_RATE_LIMIT_PER_MINUTE). Rate
 * limiting must not turn a Redis outage into refused submissions: it fails open.
 */
async function enforceSubmitLimit(deps: SubmissionDeps, userId: string, mode: SubmissionMode): Promise<void> {
  const samples = mode === "SAMPLES";
  const limit = samples ? deps.config.SAMPLE_RATE_LIMIT_PER_MINUTE : deps.config.SUBMIT_RATE_LIMIT_PER_MINUTE;
  const key = `${deps.config.REDIS_PREFIX}:ratelimit:${samples ? "samples" : "submit"}:${userId}`;
  await enforceRateLimit(deps, key, limit, {
    windowSeconds: 60,
    failOpen: true,
    message: (seconds) =>
      samples
        ? {
            zh: `每分钟最多运行 ${limit} 次样例（提交有单独的额度）；${seconds} 秒后可以再次运行。`,
            en: `At most ${limit} sample runs per minute (submissions have their own budget); the next is allowed in ${seconds} s.`,
          }
        : {
            zh: `每分钟最多提交 ${limit} 次（运行样例有单独的额度）；${seconds} 秒后可以再次提交。`,
            en: `At most ${limit} submissions per minute (sample runs have their own budget); the next is allowed in ${seconds} s.`,
          },
  });
}

/**
 * The transactional outbox: the QUEUED row is committed first, then the job is enqueued with
 * jobId = submission id. If Redis is down the submission stays QUEUED and the sweeper enqueues it.
 */
export async function submit(
  deps: SubmissionDeps,
  user: AuthUser,
  rawInput: unknown,
  mode: SubmissionMode,
): Promise<Submission> {
  const input: SubmitInput = parseInput(submitSchema, rawInput, "input");
  const previous = await findByIdempotencyKey(deps.db, user.id, input.idempotencyKey);
  if (previous) return replayOf(previous, input, mode);
  await enforceSubmitLimit(deps, user.id, mode);

  const question = await findPublishedQuestion(deps.db, input.slug);
  if (!question?.codingProblem) {
    throw new NotFoundError({
      zh: `没有 slug 为 "${input.slug}" 的已发布编程题`,
      en: `No published coding problem with slug "${input.slug}"`,
    });
  }
  if (!languagesOf(question.codingProblem.kernelId).includes(input.language)) {
    throw new BadUserInputError([
      {
        field: "input.language",
        message: {
          zh: `这道题不能用 ${input.language} 作答`,
          en: `this problem cannot be answered in ${input.language}`,
        },
      },
    ]);
  }
  const { submission, created } = await createQueued(deps.db, {
    userId: user.id,
    problemId: question.codingProblem.id,
    language: input.language,
    code: input.code,
    mode,
    idempotencyKey: input.idempotencyKey ?? null,
  });
  // A concurrent retry with the same key won the race: its row, if it is the same request.
  if (!created) return replayOf(submission, input, mode);
  // With Redis down the row stays QUEUED and the sweeper enqueues it; the learner is answered at once.
  if (isRedisDown(deps.redis))
    deps.log.warn({ submissionId: submission.id }, "Redis is down; the sweeper will enqueue");
  else {
    // The job carries the enqueue span's trace context: the grader's spans are its children.
    await inSpan(
      SPAN.enqueue,
      {
        "messaging.system": "bullmq",
        "messaging.operation.type": "send",
        "messaging.destination.name": deps.gradeQueue.name,
        "messaging.message.id": submission.id,
      },
      () => enqueueSubmission(deps.gradeQueue, submission.id, deps.log, traceCarrier()),
      { kind: SpanKind.PRODUCER },
    );
  }
  return submission;
}

/** Owner or admin only. */
export async function getSubmission(db: Db, id: string, viewer: AuthUser): Promise<Submission | null> {
  if (!isUuid(id)) return null;
  const submission = await db.submission.findUnique({ where: { id } });
  if (!submission) return null;
  if (submission.userId !== viewer.id && viewer.role !== "ADMIN") {
    throw new ForbiddenError({ zh: "这条提交属于另一位用户。", en: "This submission belongs to another user." });
  }
  return submission;
}

export const mySubmissionsSchema = z.object({
  slug: slugArgument.nullish(),
  first: z.number().int().min(0, "must be ≥ 0").max(100, "must be ≤ 100").nullish(),
  after: z.string().max(200).nullish(),
  last: z.number().int().min(0, "must be ≥ 0").max(100, "must be ≤ 100").nullish(),
  before: z.string().max(200).nullish(),
});
export type MySubmissionsInput = z.infer<typeof mySubmissionsSchema>;

/** Newest first, keyset-paged on (createdAt, id). */
export async function listMySubmissions(db: Db, userId: string, args: unknown): Promise<Page<Submission>> {
  const input = parseInput(mySubmissionsSchema, args, "");
  const where: Prisma.SubmissionWhereInput = {
    userId,
    ...(input.slug ? { problem: { question: { slug: input.slug } } } : {}),
  };
  const keyset = keysetWindow(input, "desc", 20);
  const [rows, totalCount] = await Promise.all([
    db.submission.findMany({
      where: keyset.where ? { AND: [where, keyset.where] } : where,
      orderBy: keyset.orderBy,
      take: keyset.take,
    }),
    db.submission.count({ where }),
  ]);
  return keysetPage(rows, keyset, totalCount);
}

/**
 * How long an open stream waits without an event before it reads the submission again. Pub/sub delivers at most
 * once: an event published while the API's subscriber connection is being re-made (Redis restarted, a cluster node
 * failed and ioredis moved the subscriber to another one) reaches nobody. The re-read bounds what that costs a
 * learner to this delay instead of a stream that never ends; it is one primary-key read per quiet stream per period
 * (a stream lives for its grading: about a second, longer only while the queue is backed up).
 */
export const QUIET_STREAM_RECHECK_MS = 5000;

/**
 * The submission now and after each status change, until FINISHED. Subscribes before reading the state,
 * so no transition between the two is lost; the subscription ends when the caller stops iterating, and with
 * UNAUTHENTICATED when `token` (the one it runs under) is revoked (logOut). A stream without events for
 * `quietRecheckMs` reads the row again (QUIET_STREAM_RECHECK_MS).
 */
export async function* submissionUpdates(
  deps: { db: Db; submissionEvents: SubmissionEvents; config: Pick<Config, "REDIS_PREFIX"> },
  id: string,
  viewer: AuthUser,
  token: string | null,
  options: { quietRecheckMs?: number } = {},
): AsyncGenerator<Submission> {
  const quietRecheckMs = options.quietRecheckMs ?? QUIET_STREAM_RECHECK_MS;
  const stop = new AbortController();
  const revokedChannel = token ? revokedTokenChannel(deps.config.REDIS_PREFIX, token) : null;
  const events = (await deps.submissionEvents.open(id, stop.signal, revokedChannel))[Symbol.asyncIterator]();
  let nextEvent: Promise<IteratorResult<SubmissionEvent | typeof REVOKED>> | null = null;
  const revoked = () =>
    new UnauthenticatedError({
      zh: "你的令牌已被撤销（logOut），订阅已结束。",
      en: "Your token was revoked (logOut); the subscription has ended.",
    });
  try {
    // Revoked between the request's check and the subscription above: no announcement would come.
    if (token && (await authenticateToken(deps.db, token)).status !== "valid") throw revoked();
    const current = await getSubmission(deps.db, id, viewer);
    if (!current) throw new NotFoundError({ zh: `没有提交 ${id}`, en: `No submission ${id}` });
    yield current;
    let lastStatus = current.status;
    if (lastStatus === "FINISHED") return;
    for (;;) {
      nextEvent ??= events.next();
      let timer: NodeJS.Timeout | undefined;
      const quiet = new Promise<"quiet">((resolve) => {
        timer = setTimeout(() => resolve("quiet"), quietRecheckMs);
        // Only a re-read: a subscription closed while it waits must not keep the process alive for it (a lone
        // websocket test run "did not exit one second after the test run has completed").
        timer.unref();
      });
      const step = await Promise.race([nextEvent, quiet]).finally(() => clearTimeout(timer));
      if (step !== "quiet") {
        nextEvent = null;
        if (step.done) return;
        if (step.value === REVOKED) throw revoked();
      }
      const fresh = await deps.db.submission.findUniqueOrThrow({ where: { id } });
      if (fresh.status === lastStatus) continue;
      lastStatus = fresh.status;
      yield fresh;
      if (fresh.status === "FINISHED") return;
    }
  } finally {
    stop.abort();
    // The event stream releases its channels when it ends: abandoned while waiting, it ends on the abort.
    nextEvent?.catch(() => undefined);
    await events.return?.(undefined).catch(() => undefined);
  }
}

/**
 * Percent of accepted full submissions of the same problem in the same language that this one is at least as
 * fast as (ties count half), for a batch of submissions in one statement. Per language: numpy's matmul runs far
 * faster than a TypeScript loop, so a TypeScript matmul at reference speed had percentile 0 among them.
 */
export async function runtimePercentiles(db: Db, submissionIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ id: string; percentile: number | null }[]>`
    SELECT s.id::text AS id,
      100.0 * (
        COUNT(*) FILTER (WHERE o."runtimeMs" > s."runtimeMs") + 0.5 * (COUNT(*) FILTER (WHERE o."runtimeMs" = s."runtimeMs") - 1)
      ) / NULLIF(COUNT(*) - 1, 0) AS percentile
    FROM "Submission" s
    JOIN "Submission" o ON o."problemId" = s."problemId" AND o.language = s.language
      AND o.verdict = 'ACCEPTED' AND o.mode = 'FULL'
    WHERE s.id = ANY(${submissionIds as string[]}::uuid[]) AND s.verdict = 'ACCEPTED' AND s.mode = 'FULL'
    GROUP BY s.id, s."runtimeMs"`;
  return new Map(rows.map((row) => [row.id, row.percentile === null ? 100 : Number(row.percentile)]));
}
