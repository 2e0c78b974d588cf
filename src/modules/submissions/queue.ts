import { Queue } from "bullmq";
import type { Logger } from "pino";

export type GradeJobData = { submissionId: string };

export const GRADE_JOB = "grade";

/** Retries are for infrastructure faults only (learner faults are verdicts): a few, with exponential backoff. */
export const GRADE_JOB_OPTIONS = {
  attempts: 4,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 24 * 3600 },
} as const;

export type QueueSettings = { redisUrl: string; prefix: string; queueName: string };

/**
 * The producer side. Its connection fails fast (no offline queue) so a submit never hangs on a Redis outage:
 * the submission row is already committed and the sweeper enqueues it later.
 */
export function createGradeQueue(settings: QueueSettings, log: Logger): Queue<GradeJobData> {
  // Connection options, not an instance: the queue then owns its connection and closes it on close().
  const queue = new Queue<GradeJobData>(settings.queueName, {
    connection: { url: settings.redisUrl, maxRetriesPerRequest: 1, enableOfflineQueue: false },
    prefix: settings.prefix,
  });
  queue.on("error", (error) => log.warn({ err: error }, "queue error"));
  return queue;
}

const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * Adds the submission's grading job, with jobId = submission id so a duplicate add is harmless. Returns false when
 * Redis is unreachable: the row stays QUEUED and the sweeper tries again.
 */
export async function enqueueSubmission(
  queue: Queue<GradeJobData>,
  submissionId: string,
  log: Logger,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      queue.add(GRADE_JOB, { submissionId }, { ...GRADE_JOB_OPTIONS, jobId: submissionId }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`enqueue timed out after ${ENQUEUE_TIMEOUT_MS} ms`)),
          ENQUEUE_TIMEOUT_MS,
        );
      }),
    ]);
    return true;
  } catch (error) {
    log.warn({ err: error, submissionId }, "could not enqueue; the sweeper will retry");
    return false;
  } finally {
    clearTimeout(timer);
  }
}
