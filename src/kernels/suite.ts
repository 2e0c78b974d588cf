import { compareValues } from "./compare.ts";
import { Rng, testSeed } from "./rng.ts";
import type { AnyKernelSpec, CheckResult, TestCase, TestCounts, TestKind } from "./types.ts";

const KINDS: readonly TestKind[] = ["sample", "hidden", "performance"];

/**
 * Where hidden and performance tests come from. The trusted side derives it from the deployment's secret
 * (src/lib/hidden-test-secret.ts), so these tests cannot be generated from this code and a seed alone.
 */
export type HiddenTestStates = {
  /** Names the secret without revealing it (a cache key: the same id, the same tests). */
  id: string;
  /** The generator state (four 32-bit words, not all zero) of one test, from the problem's seed, kind and index. */
  stateOf(baseSeed: number, kind: TestKind, index: number): readonly number[];
};

/**
 * Generates every test of a kernel. Samples are public: they depend on the seed alone, the same
 * everywhere. Hidden and performance tests need `hiddenStates`.
 */
export function generateTests(
  spec: AnyKernelSpec,
  seed: number,
  counts: TestCounts = spec.testCounts,
  hiddenStates?: HiddenTestStates,
): TestCase[] {
  if (!hiddenStates && (counts.hidden > 0 || counts.performance > 0)) {
    throw new Error("hidden and performance tests need the deployment's hidden-test secret");
  }
  const tests: TestCase[] = [];
  for (const kind of KINDS) {
    for (let index = 0; index < counts[kind]; index++) {
      const rng =
        kind === "sample"
          ? new Rng(testSeed(seed, kind, index))
          : new Rng((hiddenStates as HiddenTestStates).stateOf(seed, kind, index));
      const args = spec.generate(kind, index, rng);
      tests.push({ name: `${kind}-${index + 1}`, kind, args });
    }
  }
  return tests;
}

/**
 * The inputs of the later runs of performance test `index` (its index among the performance tests), one call
 * per run: drawn from the test's own hidden generator after the test's inputs (run 0), so each run of a
 * performance test gets inputs of its own and nothing computed on one run answers another.
 */
export function laterRunInputs(
  spec: AnyKernelSpec,
  seed: number,
  index: number,
  hiddenStates: HiddenTestStates,
): () => unknown[] {
  const rng = new Rng(hiddenStates.stateOf(seed, "performance", index));
  spec.generate("performance", index, rng);
  return () => spec.generate("performance", index, rng);
}

export function checkResult(spec: AnyKernelSpec, got: unknown, want: unknown): CheckResult {
  return spec.check ? spec.check(got, want, spec.tolerance) : compareValues(got, want, spec.tolerance);
}
