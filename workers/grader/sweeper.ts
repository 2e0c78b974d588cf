import type { Queue } from "bullmq";
import type { Logger } from "pino";
import { enqueueSubmission, type GradeJobData } from "../../src/grading/queue.ts";
import { failWithInternalError, findStale, type LifecycleDeps } from "../../src/modules/submissions/lifecycle.ts";

export type SweeperDeps = LifecycleDeps & { queue: Queue<GradeJobData> };

export type SweepOptions = {
  /** A QUEUED submission older than this with no job is re-enqueued. */
  queuedGraceMs: number;
  /** A RUNNING submission whose job is gone or ended is re-enqueued after this. */
  runningGraceMs: number;
  /** After this many grading starts a submission gets INTERNAL_ERROR instead of another try. */
  maxAttempts: number;
  batchSize?: number;
};

export type SweepReport = { enqueued: number; failed: number };

const LIVE_STATES = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

/**
 * The outbox's second half: finds submissions left QUEUED (Redis was down at submit time) or RUNNING
 * without a live job (a grader died and the job ended), and enqueues them again. Nothing is lost.
 */
export async function sweepOnce(deps: SweeperDeps, options: SweepOptions, now = new Date()): Promise<SweepReport> {
  const stale = await findStale(deps.db, { ...options, limit: options.batchSize ?? 200, now });
  const report: SweepReport = { enqueued: 0, failed: 0 };
  for (const submission of stale) {
    const job = await deps.queue.getJob(submission.id);
    const state = job ? await job.getState() : null;
    if (state && LIVE_STATES.has(state)) continue;
    if (submission.attempts >= options.maxAttempts) {
      if (await failWithInternalError(deps, submission.id, "Grading failed repeatedly; please resubmit."))
        report.failed++;
      continue;
    }
    // A finished job with the same id would block the new one: remove it first.
    if (job) await job.remove().catch(() => undefined);
    if (await enqueueSubmission(deps.queue, submission.id, deps.log)) report.enqueued++;
  }
  if (report.enqueued || report.failed) deps.log.info(report, "sweeper recovered submissions");
  return report;
}

/** Runs `sweepOnce` every `intervalMs`, one grader at a time (a Redis lock), until stopped. */
export function startSweeper(
  deps: SweeperDeps,
  options: SweepOptions & { intervalMs: number },
  log: Logger,
): () => Promise<void> {
  const lockKey = `${deps.prefix}:sweeper-lock`;
  let running: Promise<void> | null = null;
  const tick = async () => {
    const locked = await deps.redis.set(lockKey, String(process.pid), "PX", options.intervalMs, "NX").catch(() => null);
    if (locked !== "OK") return;
    await sweepOnce(deps, options).catch((error: unknown) => log.warn({ err: error }, "sweep failed"));
  };
  const timer = setInterval(() => {
    running ??= tick().finally(() => {
      running = null;
    });
  }, options.intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
