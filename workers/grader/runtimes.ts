// The language runtimes one grader runs, started from its configuration: the isolate runtime (TypeScript and
// JavaScript) always, Python when enabled. A new language adds its runtime here and nowhere else in the grader.
import type { Logger } from "pino";
import type { Config } from "../../src/config.ts";
import { createRuntimeRegistry, type RuntimeRegistry } from "../judge/registry.ts";
import { createIsolateRuntime } from "../runtimes/isolate/runtime.ts";
import { TypeChecker } from "../runtimes/isolate/type-check/checker.ts";
import { createPythonJudgeRuntime } from "../runtimes/python/judge-runtime.ts";
import { PythonRuntime } from "../runtimes/python/runtime.ts";
import type { Runtime } from "../runtimes/runtime.ts";
import { ExecutorPool } from "../sandbox/pool.ts";
import type { GraderMetrics } from "./metrics.ts";

export async function startRuntimes(config: Config, metrics: GraderMetrics, log: Logger): Promise<RuntimeRegistry> {
  const sandbox = { mode: config.SANDBOX, requireBwrap: config.SANDBOX_REQUIRE_BWRAP };
  const pool = await ExecutorPool.start({
    ...sandbox,
    size: config.GRADER_CONCURRENCY,
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
  const runtimes: Runtime[] = [createIsolateRuntime({ pool, typeChecker })];
  if (config.GRADER_PYTHON) {
    // One warm zygote per slot, in the same sandbox mode as the executors; a grader that cannot start Python
    // (no python3/numpy) refuses to start rather than fail every Python submission later.
    const python = await PythonRuntime.start({
      ...sandbox,
      size: config.GRADER_CONCURRENCY,
      maxRunsPerZygote: config.EXECUTOR_RECYCLE_AFTER,
    }).catch(async (error: unknown) => {
      await runtimes[0].close();
      throw error;
    });
    runtimes.push(createPythonJudgeRuntime(python));
  }
  const registry = createRuntimeRegistry(runtimes);
  for (const runtime of registry.runtimes()) {
    log.info({ ...runtime.describe(), concurrency: config.GRADER_CONCURRENCY }, "grader runtime");
  }
  return registry;
}
