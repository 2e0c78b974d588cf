// A problem's tests: the one place that turns a coding problem's stored plan into its tests and their
// expected outputs, for the samples the API shows and for grading. They depend only on the kernel's
// reference, the seed, the counts and (hidden and performance tests) the deployment's hidden-test secret, so
// they are computed once per process and kept (read-only: inputs
// reach a sandbox as serialized copies, and the reference always runs on clones).
import { generateTests, type HiddenTestStates } from "./suite.ts";
import type { AnyKernelSpec, TestCase, TestCounts } from "./types.ts";

/** What a CodingProblem stores (its `testPlan` column): the seed, and counts that override the kernel's. */
export type StoredTestPlan = { seed: number; counts?: Partial<TestCounts> };

/** The tests of a problem, and the reference's output for each (same index). */
export type ProblemTests = { readonly tests: readonly TestCase[]; readonly expected: readonly unknown[] };

export function plannedTestCounts(kernel: AnyKernelSpec, plan: StoredTestPlan): TestCounts {
  return { ...kernel.testCounts, ...plan.counts };
}

const MAX_ENTRIES_PER_REFERENCE = 32;
// Keyed by the reference function itself: a spec copied with other tolerances shares its tests, and a
// different reference under the same id never sees another's outputs.
const testsByReference = new WeakMap<AnyKernelSpec["reference"], Map<string, ProblemTests>>();

/**
 * The tests for this seed and these counts; hidden and performance tests need `hidden` (derived from the
 * deployment's secret on the trusted side). Throws whatever the reference throws (nothing is kept then).
 */
export function problemTests(
  kernel: AnyKernelSpec,
  seed: number,
  counts: TestCounts,
  hidden?: HiddenTestStates,
): ProblemTests {
  let entries = testsByReference.get(kernel.reference);
  if (!entries) {
    entries = new Map();
    testsByReference.set(kernel.reference, entries);
  }
  // The secret's id is part of the key: a process (a test) may grade under two secrets.
  const key = `${seed}:${counts.sample}:${counts.hidden}:${counts.performance}:${hidden?.id ?? "public"}`;
  let built = entries.get(key);
  if (!built) {
    const tests = generateTests(kernel, seed, counts, hidden);
    built = { tests, expected: tests.map((test) => kernel.reference(...structuredClone(test.args))) };
    if (entries.size >= MAX_ENTRIES_PER_REFERENCE) entries.delete(entries.keys().next().value as string);
    entries.set(key, built);
  }
  return built;
}

/** Only the sample tests of a stored plan: what a learner may see, without computing the hidden outputs. */
export function sampleTests(kernel: AnyKernelSpec, plan: StoredTestPlan): ProblemTests {
  return problemTests(kernel, plan.seed, { ...plannedTestCounts(kernel, plan), hidden: 0, performance: 0 });
}

/**
 * Test data as plain JSON: typed arrays become arrays, non-finite numbers and bigints strings (JSON has
 * neither), undefined null.
 */
export function toJsonSafe(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return value.toString();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<unknown>, toJsonSafe);
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, toJsonSafe(field)]));
  }
  return value ?? null;
}
