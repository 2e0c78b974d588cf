import { compareValues } from "./compare.ts";
import { hiddenTestState } from "./hidden-seed.ts";
import { Rng, testSeed } from "./rng.ts";
import type { AnyKernelSpec, CheckResult, TestCase, TestCounts, TestKind } from "./types.ts";

const KINDS: readonly TestKind[] = ["sample", "hidden", "performance"];

/**
 * Generates every test of a kernel. Samples are public: they depend on the seed alone, the same
 * everywhere. Hidden and performance tests also depend on the deployment's `hiddenTestSecret`, which
 * they cannot be generated without.
 */
export function generateTests(
  spec: AnyKernelSpec,
  seed: number,
  counts: TestCounts = spec.testCounts,
  hiddenTestSecret?: string,
): TestCase[] {
  if (!hiddenTestSecret && (counts.hidden > 0 || counts.performance > 0)) {
    throw new Error("hidden and performance tests need the deployment's hidden-test secret");
  }
  const tests: TestCase[] = [];
  for (const kind of KINDS) {
    for (let index = 0; index < counts[kind]; index++) {
      const rng =
        kind === "sample"
          ? new Rng(testSeed(seed, kind, index))
          : new Rng(hiddenTestState(hiddenTestSecret as string, seed, kind, index));
      const args = spec.generate(kind, index, rng);
      tests.push({ name: `${kind}-${index + 1}`, kind, args });
    }
  }
  return tests;
}

export function checkResult(spec: AnyKernelSpec, got: unknown, want: unknown): CheckResult {
  return spec.check ? spec.check(got, want, spec.tolerance) : compareValues(got, want, spec.tolerance);
}
