import { compareValues } from "./compare.ts";
import { Rng, testSeed } from "./rng.ts";
import type { AnyKernelSpec, CheckResult, TestCase, TestCounts, TestKind } from "./types.ts";

const KINDS: readonly TestKind[] = ["sample", "hidden", "performance"];

/** Generates every test of a kernel for a seed; the same seed gives the same tests everywhere. */
export function generateTests(spec: AnyKernelSpec, seed: number, counts: TestCounts = spec.testCounts): TestCase[] {
  const tests: TestCase[] = [];
  for (const kind of KINDS) {
    for (let index = 0; index < counts[kind]; index++) {
      const args = spec.generate(kind, index, new Rng(testSeed(seed, kind, index)));
      tests.push({ name: `${kind}-${index + 1}`, kind, args });
    }
  }
  return tests;
}

export function checkResult(spec: AnyKernelSpec, got: unknown, want: unknown): CheckResult {
  return spec.check ? spec.check(got, want, spec.tolerance) : compareValues(got, want, spec.tolerance);
}
