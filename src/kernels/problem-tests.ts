// A problem's tests: the one place that turns a coding problem's stored plan into its tests and their
// expected outputs, for the samples the API shows and for grading. They depend only on the kernel's
// reference, the seed, the counts and (hidden and performance tests) the deployment's hidden-test secret, so
// they are computed once per process and kept (read-only: inputs
// reach a sandbox as serialized copies, and the reference always runs on clones).
import { generateTests, type HiddenTestStates, laterRunInputs } from "./suite.ts";
import type { AnyKernelSpec, TestCase, TestCounts } from "./types.ts";

/** What a CodingProblem stores (its `testPlan` column): the seed, and counts that override the kernel's. */
export type StoredTestPlan = { seed: number; counts?: Partial<TestCounts> };

/** One run of a repeated test: its inputs and the reference's output for them. */
export type RunCase = { readonly args: readonly unknown[]; readonly expected: unknown };

/** The tests of a problem, and the reference's output for each (same index). */
export type ProblemTests = {
  readonly tests: readonly TestCase[];
  readonly expected: readonly unknown[];
  /**
   * Run `run` of performance test `index` (an index into `tests`): run 0 is the test itself; every later run
   * has inputs of its own (suite.ts laterRunInputs), made and computed by the reference when first asked for.
   * A performance test is run several times to be timed, and on one set of inputs a program could answer the
   * timed runs from what it computed on the untimed warm-up.
   */
  runOf(index: number, run: number): RunCase;
};

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
    const expected = tests.map((test) => kernel.reference(...structuredClone(test.args)));
    built = { tests, expected, runOf: runsOf(kernel, seed, tests, expected, hidden) };
    if (entries.size >= MAX_ENTRIES_PER_REFERENCE) entries.delete(entries.keys().next().value as string);
    entries.set(key, built);
  }
  return built;
}

/** `ProblemTests.runOf` for these tests: later runs made on demand, one generator per performance test, kept. */
function runsOf(
  kernel: AnyKernelSpec,
  seed: number,
  tests: readonly TestCase[],
  expected: readonly unknown[],
  hidden: HiddenTestStates | undefined,
): ProblemTests["runOf"] {
  const runs = new Map<number, { next: () => unknown[]; made: RunCase[] }>();
  return (index, run) => {
    const test = tests[index];
    if (!test) throw new RangeError(`no test ${index}`);
    if (!Number.isInteger(run) || run < 0) throw new RangeError(`run must be a whole number ≥ 0, got ${run}`);
    if (run === 0) return { args: test.args, expected: expected[index] };
    if (test.kind !== "performance" || !hidden) throw new RangeError(`${test.name} is run once`);
    let made = runs.get(index);
    if (!made) {
      const ordinal = tests.slice(0, index).filter((earlier) => earlier.kind === "performance").length;
      made = { next: laterRunInputs(kernel, seed, ordinal, hidden), made: [] };
      runs.set(index, made);
    }
    while (made.made.length < run) {
      const args = made.next();
      made.made.push({ args, expected: kernel.reference(...structuredClone(args)) });
    }
    return made.made[run - 1];
  };
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
