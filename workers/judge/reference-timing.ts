// What a learner's performance-test runtime is divided by. Preferably the kernel's own solution timed in the
// sandbox exactly as a learner's code is (same job shape, fresh isolate, same runs): timed in this process
// instead, the long-warm reference made the very same code look about twice as slow (measured: matmul 1.95,
// conv2d 1.76, attention 1.76 for the reference's own algorithm). The in-process time is the fallback.
// Both are measured on first use and kept per problem's tests (sandbox timings per runtime as well).
import type { ProblemTests } from "../../src/kernels/problem-tests.ts";
import type { AnyKernelSpec, TestCase } from "../../src/kernels/types.ts";
import type { RunLimits, Runtime, RuntimeTest } from "./runtime.ts";

/** A warm-up run (a fresh isolate's JIT is cold) and two timed ones. */
export const PERFORMANCE_RUNS = 3;

const WARM_UP_RUNS = 2;
const TIMED_RUNS = 5;
/** Jobs of the kernel's solution whose best time per test is kept (one busy moment must not set the bar). */
const CALIBRATION_JOBS = 3;
/** Below this a timer's resolution dominates; ratios against it would be noise. */
const MIN_REFERENCE_MS = 0.001;

/** How a test is run for grading: performance tests several times (the fastest timed run counts). */
export function runtimeTests(tests: readonly TestCase[]): RuntimeTest[] {
  return tests.map((test) => ({ args: test.args, runs: test.kind === "performance" ? PERFORMANCE_RUNS : 1 }));
}

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

/**
 * The problem's reference solution in the runtime's language (Runtime.referenceSource) run through `runtime`
 * on all `tests` as in a grading, best of CALIBRATION_JOBS jobs: the runtime of each performance test by
 * index. null when the runtime has no reference for the problem, or it does not compile or run cleanly (the
 * caller falls back to measureReferenceMs).
 */
export async function measureSandboxReferenceMs(
  kernel: AnyKernelSpec,
  tests: readonly TestCase[],
  runtime: Runtime,
  limits: RunLimits,
): Promise<Map<number, number> | null> {
  const source = runtime.referenceSource(kernel);
  if (!source) return null;
  const prepared = await runtime.prepare(
    source,
    { functionName: kernel.functionName, kernelId: kernel.id },
    { warnings: false },
  );
  if (!prepared.ok) return null;
  const best = new Map<number, number>();
  for (let job = 0; job < CALIBRATION_JOBS; job++) {
    const run = await prepared.program.run(runtimeTests(tests), limits);
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

const inProcessTimings = new WeakMap<ProblemTests, Map<number, number>>();
const sandboxTimings = new WeakMap<ProblemTests, WeakMap<Runtime, Promise<Map<number, number> | null>>>();

/** measureReferenceMs of test `index`, measured once per problem's tests. */
export function referenceMs(kernel: AnyKernelSpec, problem: ProblemTests, index: number): number {
  let timings = inProcessTimings.get(problem);
  if (!timings) {
    timings = new Map();
    inProcessTimings.set(problem, timings);
  }
  let ms = timings.get(index);
  if (ms === undefined) {
    ms = measureReferenceMs(kernel, problem.tests[index].args);
    timings.set(index, ms);
  }
  return ms;
}

/** measureSandboxReferenceMs, measured once per problem's tests and runtime; a failed measurement is retried next time. */
export function sandboxReferenceMs(
  kernel: AnyKernelSpec,
  problem: ProblemTests,
  runtime: Runtime,
  limits: RunLimits,
): Promise<Map<number, number> | null> {
  let byRuntime = sandboxTimings.get(problem);
  if (!byRuntime) {
    byRuntime = new WeakMap();
    sandboxTimings.set(problem, byRuntime);
  }
  let measured = byRuntime.get(runtime);
  if (!measured) {
    const entry = measureSandboxReferenceMs(kernel, problem.tests, runtime, limits).catch(() => null);
    byRuntime.set(runtime, entry);
    void entry.then((timing) => {
      if (timing === null) byRuntime.delete(runtime);
    });
    measured = entry;
  }
  return measured;
}
