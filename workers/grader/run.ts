import type { Server } from "node:http";
import { type Job, Worker } from "bullmq";
import type { Registry } from "prom-client";
import type { Config } from "../../src/config.ts";
import { createDb } from "../../src/db.ts";
import { createGradeQueue, GRADE_JOB_OPTIONS, type GradeJobData } from "../../src/grading/queue.ts";
import { checkDependencies, type DependencyReport } from "../../src/lib/dependencies.ts";
import { loadHiddenTestSecret } from "../../src/lib/hidden-test-secret.ts";
import { createLogger } from "../../src/logger.ts";
import { failWithInternalError } from "../../src/modules/submissions/lifecycle.ts";
import { createRedis } from "../../src/redis.ts";
import { createIsolateRuntime } from "../judge/isolate-runtime.ts";
import { createPythonJudgeRuntime } from "../judge/python-runtime.ts";
import { createRuntimeRegistry, type RuntimeRegistry } from "../judge/registry.ts";
import type { Runtime } from "../judge/runtime.ts";
import { TYPE_CHECK_SKIPPED, TypeChecker } from "../judge/type-check/checker.ts";
import { PythonRuntime } from "../runtimes/python/runtime.ts";
import { ExecutorPool } from "../sandbox/pool.ts";
import { gateOnDependencies } from "./dependency-gate.ts";
import { createGraderMetrics, serveMetrics } from "./metrics.ts";
import { processGradeJob } from "./process-job.ts";
import { startSweeper } from "./sweeper.ts";

export type RunningGrader = {
  runtimes: RuntimeRegistry;
  worker: Worker<GradeJobData>;
  /** What /metrics serves (also when the endpoint is off). */
  metrics: Registry;
  metricsServer: Server | null;
  /** PostgreSQL and Redis as last checked (null before the first check); jobs are taken only while both answer. */
  dependencies(): DependencyReport | null;
  takingJobs(): boolean;
  /**
   * For a stop that cannot wait: moves the jobs this grader is running back to the queue now (another
   * grader takes them at once instead of after the lock expires), and stops the pool. Returns how many.
   */
  handBack(): Promise<number>;
  /** Graceful: stops taking jobs, lets in-flight ones finish, then closes the pool and connections. */
  close(): Promise<void>;
};

/** Runs `load` once and keeps its value; a failure is not kept, so the next call tries again. */
function memoizeUntilFailure<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
}

export async function startGrader(config: Config, options: { metrics?: boolean } = {}): Promise<RunningGrader> {
  const log = createLogger(config.LOG_LEVEL, "grader");
  const db = createDb({ url: config.DATABASE_URL, poolSize: config.GRADER_CONCURRENCY + 2 });
  const redis = createRedis(config.REDIS_URL);
  redis.on("error", (error) => log.warn({ err: error }, "redis connection error"));
  const queue = createGradeQueue(
    { redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, queueName: config.QUEUE_NAME },
    log,
  );
  const metrics = createGraderMetrics(queue);

  const pool = await ExecutorPool.start({
    size: config.GRADER_CONCURRENCY,
    mode: config.SANDBOX,
    requireBwrap: config.SANDBOX_REQUIRE_BWRAP,
    maxJobsPerProcess: config.EXECUTOR_RECYCLE_AFTER,
    onRestart: (reason, detail) => {
      metrics.executorRestarts.inc({ reason });
      log.warn({ reason, detail }, "executor process replaced");
    },
  });
  const typeChecker = new TypeChecker();
  // Loads the compiler now rather than on the first submission; a checker that cannot start only costs warnings.
  void typeChecker.warmUp().then((ready) => {
    if (!ready) log.warn("the type checker could not start; type errors will not be reported");
  });
  // A runtime per language family; a new language adds its runtime here and nowhere else in the grader.
  const languageRuntimes: Runtime[] = [createIsolateRuntime({ pool, typeChecker })];
  if (config.GRADER_PYTHON) {
    // One warm zygote per slot, in the same sandbox mode as the executors; a grader that cannot start Python
    // (no python3/numpy) refuses to start rather than fail every Python submission later.
    const python = await PythonRuntime.start({
      size: config.GRADER_CONCURRENCY,
      mode: config.SANDBOX,
      requireBwrap: config.SANDBOX_REQUIRE_BWRAP,
      maxRunsPerZygote: config.EXECUTOR_RECYCLE_AFTER,
    }).catch(async (error: unknown) => {
      await languageRuntimes[0].close();
      throw error;
    });
    languageRuntimes.push(createPythonJudgeRuntime(python));
  }
  const runtimes = createRuntimeRegistry(languageRuntimes);
  for (const runtime of runtimes.runtimes()) {
    log.info({ ...runtime.describe(), concurrency: config.GRADER_CONCURRENCY }, "grader runtime");
  }
  const deps = {
    db,
    redis,
    prefix: config.REDIS_PREFIX,
    log,
    runtimes,
    hiddenTestSecret: memoizeUntilFailure(async () => {
      const secret = await loadHiddenTestSecret(db, config.HIDDEN_TEST_SECRET);
      log.info({ source: secret.source }, "hidden-test secret loaded");
      return secret.value;
    }),
  };
  // The jobs being graded now, with the lock token each was taken with (for handBack).
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
      connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: config.REDIS_PREFIX,
      concurrency: config.GRADER_CONCURRENCY,
      lockDuration: config.GRADER_LOCK_MS,
      stalledInterval: Math.max(1000, Math.floor(config.GRADER_LOCK_MS / 2)),
      maxStalledCount: 2,
      // Started by the dependency gate once PostgreSQL and Redis answer.
      autorun: false,
    },
  );
  worker.on("error", (error) => log.error({ err: error }, "worker error"));
  // Retries are exhausted: the infrastructure kept failing, so the learner gets INTERNAL_ERROR (written once).
  worker.on("failed", (job, error) => {
    log.warn({ err: error, jobId: job?.id, attemptsMade: job?.attemptsMade }, "grading job failed");
    if (!job || job.attemptsMade < (job.opts.attempts ?? GRADE_JOB_OPTIONS.attempts)) return;
    failWithInternalError(deps, job.data.submissionId, "The grader could not run this submission.")
      .then((mode) => {
        if (mode) metrics.verdicts.inc({ verdict: "INTERNAL_ERROR", mode });
      })
      .catch((writeError: unknown) => log.error({ err: writeError }, "could not record the final failure"));
  });

  const gate = gateOnDependencies(worker, () => checkDependencies(db, redis), config.GRADER_HEALTH_CHECK_MS, log);

  const stopSweeper = startSweeper(
    { ...deps, queue },
    {
      intervalMs: config.SWEEP_INTERVAL_MS,
      queuedGraceMs: Math.max(5000, config.SWEEP_INTERVAL_MS),
      runningGraceMs: Math.max(4 * config.GRADER_LOCK_MS, 60_000),
      maxAttempts: 5,
    },
    log,
  );
  const metricsServer =
    options.metrics !== false && config.GRADER_METRICS_PORT > 0
      ? await serveMetrics(metrics.registry, config.GRADER_METRICS_PORT, config.HOST)
      : null;
  log.info(
    { queue: config.QUEUE_NAME, metricsPort: metricsServer ? config.GRADER_METRICS_PORT : null },
    "grader ready",
  );

  let closing: Promise<void> | null = null;
  return {
    runtimes,
    worker,
    metrics: metrics.registry,
    metricsServer,
    dependencies: () => gate.lastReport(),
    takingJobs: () => gate.takingJobs(),
    async handBack() {
      await worker.pause(true);
      const running = [...activeJobs];
      activeJobs.clear();
      const moved = await Promise.allSettled(running.map(([job, token]) => job.moveToWait(token)));
      const handedBack = moved.filter((result) => result.status === "fulfilled").length;
      log.warn({ handedBack, of: running.length }, "running jobs handed back to the queue");
      await runtimes.close();
      return handedBack;
    },
    close() {
      closing ??= (async () => {
        await gate.stop();
        await stopSweeper();
        await worker.close();
        await runtimes.close();
        metricsServer?.close();
        redis.disconnect();
        await Promise.allSettled([queue.close(), db.$disconnect()]);
      })();
      return closing;
    },
  };
}
