// The tests of a problem, their expected outputs and the reference's timings depend only on the kernel's
// reference, the seed and the counts: the same for every submission of that problem. A grader computes
// them once and keeps them (they are read-only: inputs reach the executor as serialized copies, and the
// reference always runs on clones).
import { generateTests } from "../../src/kernels/suite.ts";
import type { AnyKernelSpec, TestCase, TestCounts } from "../../src/kernels/types.ts";
import { measureReferenceMs } from "./reference-timing.ts";

export type TestPlan = {
  tests: readonly TestCase[];
  expected: readonly unknown[];
  /** Reference runtime of a performance test by index, measured on first use. */
  referenceMs(index: number): number;
};

const MAX_PLANS_PER_REFERENCE = 32;
// Keyed by the reference function itself: a spec copied with other tolerances shares its plans, and a
// different reference under the same id never sees another's outputs.
const plansByReference = new WeakMap<AnyKernelSpec["reference"], Map<string, TestPlan>>();

function buildPlan(kernel: AnyKernelSpec, seed: number, counts: TestCounts): TestPlan {
  const tests = generateTests(kernel, seed, counts);
  const expected = tests.map((test) => kernel.reference(...structuredClone(test.args)));
  const timings = new Map<number, number>();
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
  };
}

/** The plan for these tests; throws whatever the reference throws (nothing is cached then). */
export function testPlan(kernel: AnyKernelSpec, seed: number, counts: TestCounts): TestPlan {
  let plans = plansByReference.get(kernel.reference);
  if (!plans) {
    plans = new Map();
    plansByReference.set(kernel.reference, plans);
  }
  const key = `${seed}:${counts.sample}:${counts.hidden}:${counts.performance}`;
  let plan = plans.get(key);
  if (!plan) {
    plan = buildPlan(kernel, seed, counts);
    if (plans.size >= MAX_PLANS_PER_REFERENCE) plans.delete(plans.keys().next().value as string);
    plans.set(key, plan);
  }
  return plan;
}
