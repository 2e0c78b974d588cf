// The BullMQ worker that takes grading jobs: it grades each with processGradeJob, counts what it wrote, and turns
// a job whose retries are exhausted into the learner's INTERNAL_ERROR (written once).
import { type Job, Worker } from "bullmq";
import type { Logger } from "pino";
import type { Config } from "../../src/config.ts";
import { GRADING_RETRY_POLICY, type GradeJobData } from "../../src/grading/queue.ts";
import { failWithInternalError } from "../../src/modules/submissions/lifecycle.ts";
import { REDIS_DISCONNECT_TIMEOUT_MS } from "../../src/redis.ts";
import { TYPE_CHECK_SKIPPED } from "../runtimes/isolate/type-check/checker.ts";
import type { GraderMetrics } from "./metrics.ts";
import { type GradeJobDeps, processGradeJob } from "./process-job.ts";

export type GradeWorker = {
  worker: Worker<GradeJobData>;
  /** The jobs being graded now, with the lock token each was taken with (to hand them back). */
  activeJobs: Map<Job<GradeJobData>, string>;
};

export function createGradeWorker(
  config: Config,
  deps: GradeJobDeps,
  metrics: GraderMetrics,
  log: Logger,
): GradeWorker {
  const activeJobs = new Map<Job<GradeJobData>, string>();
  const worker = new Worker<GradeJobData>(
    config.QUEUE_NAME,
    async (job: Job<GradeJobData>, token?: string) => {
      activeJobs.set(job, token ?? "");
      const outcome = await processGradeJob(deps, job.data.submissionId, log.child({ jobId: job.id })).finally(() =>
        activeJobs.delete(job),
      );
      if (outcome.status === "graded") {
        metrics.gradingLatency.observe({ mode: outcome.mode }, outcome.submitToVerdictMs / 1000);
        metrics.verdicts.inc({ verdict: outcome.result.verdict, mode: outcome.mode });
        if (outcome.result.warnings.some((warning) => warning.startsWith(TYPE_CHECK_SKIPPED))) {
          metrics.typeChecksSkipped.inc();
        }
      }
      return outcome.status;
    },
    {
      connection: { url: config.REDIS_URL, maxRetriesPerRequest: null, disconnectTimeout: REDIS_DISCONNECT_TIMEOUT_MS },
      prefix: config.REDIS_PREFIX,
      concurrency: config.GRADER_CONCURRENCY,
      lockDuration: config.GRADER_LOCK_MS,
      stalledInterval: Math.max(1000, Math.floor(config.GRADER_LOCK_MS / 2)),
      maxStalledCount: GRADING_RETRY_POLICY.maxStalledCount,
      // Started by the dependency gate once PostgreSQL and Redis answer.
      autorun: false,
    },
  );
  worker.on("error", (error) => log.error({ err: error }, "worker error"));
  // Retries are exhausted: the infrastructure kept failing, so the learner gets INTERNAL_ERROR (written once).
  worker.on("failed", (job, error) => {
    log.warn({ err: error, jobId: job?.id, attemptsMade: job?.attemptsMade }, "grading job failed");
    if (!job || job.attemptsMade < (job.opts.attempts ?? GRADING_RETRY_POLICY.attempts)) return;
    failWithInternalError(deps, job.data.submissionId, "The grader could not run this submission.")
      .then((mode) => {
        if (mode) metrics.verdicts.inc({ verdict: "INTERNAL_ERROR", mode });
      })
      .catch((writeError: unknown) => log.error({ err: writeError }, "could not record the final failure"));
  });
  return { worker, activeJobs };
}
