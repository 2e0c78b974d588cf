// The tests of a problem, their expected outputs and the reference's timings depend only on the kernel's
// reference, the seed, the counts and the deployment's hidden-test secret: the same for every submission of that problem. A grader computes
// them once and keeps them (they are read-only: inputs reach the executor as serialized copies, and the
// reference always runs on clones). Sandbox timings are kept per executor pool.
import { generateTests, type HiddenTestStates } from "../../src/kernels/suite.ts";
import type { AnyKernelSpec, TestCase, TestCounts } from "../../src/kernels/types.ts";
import { hiddenTestStates } from "../../src/lib/hidden-test-secret.ts";
import type { ExecutorPool } from "../sandbox/pool.ts";
import { measureReferenceMs, measureSandboxReferenceMs, type SandboxLimits } from "./reference-timing.ts";

export type TestPlan = {
  tests: readonly TestCase[];
  expected: readonly unknown[];
  /** Reference runtime of a performance test by index, measured in this process on first use. */
  referenceMs(index: number): number;
  /**
   * Reference runtimes of the performance tests by index, measured in `pool`'s sandbox on first use (see
   * reference-timing.ts); null when that is impossible. A failed measurement is tried again next time.
   */
  sandboxReferenceMs(pool: ExecutorPool, limits: SandboxLimits): Promise<Map<number, number> | null>;
};

const MAX_PLANS_PER_REFERENCE = 32;
// Keyed by the reference function itself: a spec copied with other tolerances shares its plans, and a
// different reference under the same id never sees another's outputs.
const plansByReference = new WeakMap<AnyKernelSpec["reference"], Map<string, TestPlan>>();

function buildPlan(kernel: AnyKernelSpec, seed: number, counts: TestCounts, hidden: HiddenTestStates): TestPlan {
  const tests = generateTests(kernel, seed, counts, hidden);
  const expected = tests.map((test) => kernel.reference(...structuredClone(test.args)));
  const timings = new Map<number, number>();
  const sandboxTimings = new WeakMap<ExecutorPool, Promise<Map<number, number> | null>>();
  return {
    tests,
    expected,
    referenceMs(index) {
      let ms = timings.get(index);
      if (ms === undefined) {
        ms = measureReferenceMs(kernel, tests[index].args);
        timings.set(index, ms);
      }
      return ms;
    },
    sandboxReferenceMs(pool, limits) {
      let measured = sandboxTimings.get(pool);
      if (!measured) {
        measured = measureSandboxReferenceMs(kernel, tests, pool, limits).catch(() => null);
        sandboxTimings.set(pool, measured);
        void measured.then((timing) => {
          if (timing === null) sandboxTimings.delete(pool);
        });
      }
      return measured;
    },
  };
}

/** The plan for these tests; throws whatever the reference throws (nothing is cached then). */
export function testPlan(kernel: AnyKernelSpec, seed: number, counts: TestCounts, hiddenTestSecret: string): TestPlan {
  let plans = plansByReference.get(kernel.reference);
  if (!plans) {
    plans = new Map();
    plansByReference.set(kernel.reference, plans);
  }
  const hidden = hiddenTestStates(hiddenTestSecret);
  // The secret's id is part of the key: a process (a test) may grade under two secrets.
  const key = `${seed}:${counts.sample}:${counts.hidden}:${counts.performance}:${hidden.id}`;
  let plan = plans.get(key);
  if (!plan) {
    plan = buildPlan(kernel, seed, counts, hidden);
    if (plans.size >= MAX_PLANS_PER_REFERENCE) plans.delete(plans.keys().next().value as string);
    plans.set(key, plan);
  }
  return plan;
}
