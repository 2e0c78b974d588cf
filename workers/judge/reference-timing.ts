// What a learner's performance-test runtime is divided by. Preferably the kernel's own solution timed in the
// sandbox exactly as a learner's code is (same job shape, fresh isolate, same runs): timed in this process
// instead, the long-warm reference made the very same code look about twice as slow (measured: matmul 1.95,
// conv2d 1.76, attention 1.76 for the reference's own algorithm). The in-process time is the fallback.
import type { AnyKernelSpec, TestCase } from "../../src/kernels/types.ts";
import type { ExecutorPool } from "../sandbox/pool.ts";
import { transpile } from "../sandbox/transpile.ts";

/** A warm-up run (a fresh isolate's JIT is cold) and two timed ones. */
export const PERFORMANCE_RUNS = 3;

const WARM_UP_RUNS = 2;
const TIMED_RUNS = 5;
/** Jobs of the kernel's solution whose best time per test is kept (one busy moment must not set the bar). */
const CALIBRATION_JOBS = 3;
/** Below this a timer's resolution dominates; ratios against it would be noise. */
const MIN_REFERENCE_MS = 0.001;

/** Fastest wall time of the reference kernel on these arguments, in this (trusted) process, after warm-up. */
export function measureReferenceMs(kernel: AnyKernelSpec, args: readonly unknown[]): number {
  for (let i = 0; i < WARM_UP_RUNS; i++) kernel.reference(...structuredClone(args));
  const samples: number[] = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const copy = structuredClone(args);
    const start = process.hrtime.bigint();
    kernel.reference(...copy);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return Math.max(Math.min(...samples), MIN_REFERENCE_MS);
}

export type SandboxLimits = { timeLimitMs: number; memoryLimitMb: number };

/**
 * The kernel's solution run through `pool` on all `tests` (performance tests with PERFORMANCE_RUNS, as in a
 * grading), best of CALIBRATION_JOBS jobs: the runtime of each performance test by index. null when the
 * solution does not compile or does not run cleanly (the caller falls back to measureReferenceMs).
 */
export async function measureSandboxReferenceMs(
  kernel: AnyKernelSpec,
  tests: readonly TestCase[],
  pool: ExecutorPool,
  limits: SandboxLimits,
): Promise<Map<number, number> | null> {
  const compiled = await transpile(kernel.solutionCode, "TYPESCRIPT");
  if (!compiled.ok) return null;
  const best = new Map<number, number>();
  for (let job = 0; job < CALIBRATION_JOBS; job++) {
    const run = await pool.run({
      script: compiled.script,
      functionName: kernel.functionName,
      ...limits,
      tests: tests.map((test) => test.args),
      runsPerTest: tests.map((test) => (test.kind === "performance" ? PERFORMANCE_RUNS : 1)),
    });
    if (run.setup.status !== "OK" || run.outcomes.length !== tests.length) return null;
    for (const [index, outcome] of run.outcomes.entries()) {
      if (outcome.status !== "OK") return null;
      if (tests[index].kind !== "performance") continue;
      best.set(
        index,
        Math.max(Math.min(best.get(index) ?? Number.POSITIVE_INFINITY, outcome.runtimeMs), MIN_REFERENCE_MS),
      );
    }
  }
  return best;
}
