// The queue's job contract, shared by the producer (the API's submit, the grader's sweeper) and the consumer (the
// grader): one job per submission, named "grade", whose id is the submission id.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "pino";

export type GradeJobData = { submissionId: string };

export const GRADE_JOB = "grade";

/**
 * How grading recovers from infrastructure faults (learner faults are verdicts and never retried), as data: the
 * queue's attempts and backoff, what a grader that stops renewing its lock costs, and when the sweeper gives up.
 */
export const GRADING_RETRY_POLICY = {
  /** Runs of one job before it fails for good and the learner gets INTERNAL_ERROR. */
  attempts: 4,
  /** Waits 1 s, 2 s, 4 s between the runs. */
  backoff: { type: "exponential", delay: 1000 },
  /** Times a job may lose its grader (lock not renewed) and be taken over before it fails. */
  maxStalledCount: 2,
  /** Grading starts of one submission (queue retries and sweeps together) before the sweeper writes INTERNAL_ERROR. */
  sweeperMaxStarts: 5,
} as const;

export const GRADE_JOB_OPTIONS = {
  attempts: GRADING_RETRY_POLICY.attempts,
  backoff: GRADING_RETRY_POLICY.backoff,
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 24 * 3600 },
} as const;

export type QueueSettings = { redisUrl: string; prefix: string; queueName: string };

/**
 * The grade queue on a Redis connection of its own, which close() ends. BullMQ, given connection options instead,
 * closes its connection with QUIT; while Redis is down that QUIT fails at once (no offline queue), BullMQ marks the
 * client ended, and ioredis's pending reconnection timer (up to 20 s with BullMQ's backoff) fires anyway and
 * reconnects: a closed API kept its process alive. disconnect() cancels the reconnection.
 */
class GradeQueue extends Queue<GradeJobData> {
  readonly #connection: Redis;

  constructor(settings: QueueSettings, connection: Redis) {
    super(settings.queueName, { connection, prefix: settings.prefix });
    this.#connection = connection;
  }

  override async close(): Promise<void> {
    try {
      await super.close();
    } finally {
      this.#connection.disconnect();
    }
  }
}

/**
 * The producer side. Its connection fails fast (no offline queue) so a submit never hangs on a Redis outage:
 * the submission row is already committed and the sweeper enqueues it later.
 */
export function createGradeQueue(settings: QueueSettings, log: Logger): Queue<GradeJobData> {
  const connection = new Redis(settings.redisUrl, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    // See REDIS_DISCONNECT_TIMEOUT_MS (src/redis.ts, which this contract module does not import): a dead socket
    // never sends "close", and ioredis's default 2 s wait kept a closed queue's process alive.
    disconnectTimeout: 100,
  });
  const queue = new GradeQueue(settings, connection);
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
