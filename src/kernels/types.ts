import type { Rng } from "./rng.ts";

export type TestKind = "sample" | "hidden" | "performance";

/** One generated test: the arguments passed to the learner's function, in order. */
export type TestCase = {
  name: string;
  kind: TestKind;
  args: unknown[];
};

export type Tolerance = { atol: number; rtol: number };

export type CheckResult = { ok: true } | { ok: false; message: string };

export type TestCounts = { sample: number; hidden: number; performance: number };

/**
 * A kernel of the reference suite. `reference` and `generate` use method syntax on purpose:
 * it keeps specs with precise argument types assignable to `AnyKernelSpec` in the registry.
 */
export type KernelSpec<Args extends unknown[], Out> = {
  id: string;
  /** Name of the function the learner must define. */
  functionName: string;
  /** The TypeScript signature shown to the learner, e.g. `function softmax(x: number[]): number[]`. */
  signature: string;
  tolerance: Tolerance;
  testCounts: TestCounts;
  reference(...args: Args): Out;
  /** Arguments for test `index` of `kind`; deterministic for a given rng state. */
  generate(kind: TestKind, index: number, rng: Rng): Args;
  /** Defaults to `compareValues` with `tolerance`. */
  check?(got: unknown, want: Out, tolerance: Tolerance): CheckResult;
  /** Shown to the learner: compiles, has the right signature, is not a solution. */
  starterCode: string;
  /** A self-contained correct solution in learner form (no imports). */
  solutionCode: string;
};

// biome-ignore lint/suspicious/noExplicitAny: the registry holds specs of every argument type
export type AnyKernelSpec = KernelSpec<any[], unknown>;

/** Thrown by references for inconsistent shapes or invalid parameters. */
export class KernelInputError extends Error {
  override name = "KernelInputError";
}
