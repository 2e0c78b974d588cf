import type { Server } from "node:http";
import type { Worker } from "bullmq";
import type { Registry } from "prom-client";
import type { Config } from "../../src/config.ts";
import { createDb } from "../../src/db.ts";
import { GRADING_RETRY_POLICY, type GradeJobData } from "../../src/grading/queue.ts";
import { checkDependencies, type DependencyReport } from "../../src/lib/dependencies.ts";
import { loadHiddenTestSecret } from "../../src/lib/hidden-test-secret.ts";
import { createLogger } from "../../src/logger.ts";
import { createRedis, openGradeQueue } from "../../src/redis.ts";
import type { RuntimeRegistry } from "../judge/registry.ts";
import { gateOnDependencies } from "./dependency-gate.ts";
import { createGraderMetrics, serveMetrics } from "./metrics.ts";
import type { GradeJobDeps } from "./process-job.ts";
import { startRuntimes } from "./runtimes.ts";
import { type SweepOptions, startSweeper } from "./sweeper.ts";
import { createGradeWorker } from "./worker.ts";

/**
 * How long running gradings may finish after SIGTERM before they are handed back to the queue. Compose's
 * stop_grace_period and Kubernetes' terminationGracePeriodSeconds leave 10 s more (a test checks the latter).
 */
export const GRADER_STOP_TIMEOUT_MS = 50_000;

/** A grader's Postgres connections: one per concurrent grading, plus the claim/sweep loop and the health check. */
export const graderPoolSize = (concurrency: number): number => concurrency + 2;

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

/** Where the sweeper looks, from the configuration: it never takes a job a live grader still holds. */
function sweepOptions(config: Config): SweepOptions & { intervalMs: number } {
  return {
    intervalMs: config.SWEEP_INTERVAL_MS,
    queuedGraceMs: Math.max(5000, config.SWEEP_INTERVAL_MS),
    runningGraceMs: Math.max(4 * config.GRADER_LOCK_MS, 60_000),
    maxAttempts: GRADING_RETRY_POLICY.sweeperMaxStarts,
  };
}

/** Wiring: connections, runtimes, the worker, the dependency gate, the sweeper and the metrics endpoint. */
export type GraderOptions = {
  /** false: no /metrics endpoint (tests run several graders in one process). */
  metrics?: boolean;
  /** The process's own metrics, served on /metrics beside the grader's (collected once per process). */
  processMetrics?: Registry;
};

export async function startGrader(config: Config, options: GraderOptions = {}): Promise<RunningGrader> {
  const log = createLogger(config.LOG_LEVEL, "grader");
  const db = createDb({
    url: config.DATABASE_URL,
    poolSize: graderPoolSize(config.GRADER_CONCURRENCY),
    applicationName: "dojo-grader",
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  });
  const redis = createRedis(config);
  redis.on("error", (error) => log.warn({ err: error }, "redis connection error"));
  const queue = openGradeQueue(config, log);
  const metrics = createGraderMetrics(queue, options.processMetrics);
  const runtimes = await startRuntimes(config, metrics, log);
  const deps: GradeJobDeps = {
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
  const { worker, activeJobs, connection } = createGradeWorker(config, deps, metrics, log);
  const gate = gateOnDependencies(worker, () => checkDependencies(db, redis), config.GRADER_HEALTH_CHECK_MS, log);
  const stopSweeper = startSweeper({ ...deps, queue }, sweepOptions(config), log);
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
        connection.disconnect();
        await runtimes.close();
        metricsServer?.close();
        redis.disconnect();
        await Promise.allSettled([queue.close(), db.$disconnect()]);
      })();
      return closing;
    },
  };
}
