import type { Worker } from "bullmq";
import type { Logger } from "pino";
import type { DependencyReport } from "../../src/lib/dependencies.ts";

export type DependencyGate = {
  /** The last report; null before the first check has answered. */
  lastReport(): DependencyReport | null;
  /** Whether the worker is taking jobs now. */
  takingJobs(): boolean;
  stop(): Promise<void>;
};

/**
 * A grader takes jobs only while PostgreSQL and Redis answer. A grader that cannot reach its database
 * would take jobs and fail each one (retries, then INTERNAL_ERROR or a wait for another grader); so the
 * worker starts (autorun off) after the first check that finds both up, is paused (its running jobs go on)
 * when one goes down, and resumes when both answer again.
 */
export function gateOnDependencies(
  worker: Worker,
  check: () => Promise<DependencyReport>,
  intervalMs: number,
  log: Logger,
): DependencyGate {
  let report: DependencyReport | null = null;
  let started = false;
  let taking = false;
  let stopped = false;
  let wasHealthy: boolean | null = null;
  let timer: NodeJS.Timeout | undefined;

  const evaluate = async () => {
    const current = await check();
    report = current;
    if (stopped) return;
    const healthy = current.postgres === "ok" && current.redis === "ok";
    if (healthy && !taking) {
      taking = true;
      if (started) await worker.resume();
      else {
        started = true;
        worker.run().catch((error: unknown) => log.error({ err: error }, "worker stopped"));
      }
    } else if (!healthy && taking) {
      taking = false;
      // Running jobs go on (they finish, or fail and are retried); no new one is taken.
      await worker.pause(true);
    }
    if (healthy !== wasHealthy) {
      if (healthy) log.info(current, "dependencies answer: taking jobs");
      else log.warn(current, "a dependency is down: not taking jobs until it answers");
      wasHealthy = healthy;
    }
  };
  let running: Promise<void>;
  const loop = async (): Promise<void> => {
    await evaluate().catch((error: unknown) => log.error({ err: error }, "dependency check failed"));
    if (!stopped) {
      timer = setTimeout(() => {
        running = loop();
      }, intervalMs);
    }
  };
  running = loop();

  return {
    lastReport: () => report,
    takingJobs: () => taking,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
