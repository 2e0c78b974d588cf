import { compareValues } from "../../kernels/compare.ts";
import { requireFinite, requireVector } from "../../kernels/guards.ts";
import { round2 } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [weights: number[], sparsity: number];
export type PruneResult = { pruned: number[]; mask: number[] };

/**
 * Unstructured magnitude pruning: zero the k = Math.floor(sparsity · n) weights of smallest |w|
 * (equal magnitudes: lower index pruned first). mask[i] is 1 for a kept weight, 0 for a pruned one.
 */
function magnitudePrune(weights: number[], sparsity: number): PruneResult {
  requireVector(weights, "weights", { allowEmpty: true });
  requireFinite(sparsity, "sparsity");
  if (sparsity < 0 || sparsity > 1) throw new KernelInputError(`sparsity must be in [0, 1], got ${sparsity}`);
  const toPrune = Math.floor(sparsity * weights.length);
  const byMagnitude = weights.map((_, i) => i).sort((a, b) => Math.abs(weights[a]) - Math.abs(weights[b]) || a - b);
  const mask = new Array<number>(weights.length).fill(1);
  for (let r = 0; r < toPrune; r++) mask[byMagnitude[r]] = 0;
  return { pruned: weights.map((w, i) => (mask[i] === 1 ? w : 0)), mask };
}

// Dyadic fractions keep sparsity · n exact in floating point, so Math.floor is unambiguous.
const SPARSITIES = [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1];

export const magnitudePruneKernel: KernelSpec<Args, PruneResult> = {
  id: "magnitude-prune",
  functionName: "magnitudePrune",
  signature: "function magnitudePrune(weights: number[], sparsity: number): { pruned: number[]; mask: number[] }",
  tolerance: { atol: 0, rtol: 0 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: magnitudePrune,
  generate(kind, index, rng) {
    if (kind === "sample") return index === 0 ? [[0.5, -0.1, 0.3, -0.9], 0.5] : [[1, -2, 0.25, 3, -0.5, 0], 0.5];
    switch (index) {
      case 0:
        return [[], 0.5]; // nothing to prune
      case 1:
        return [[0.4, -0.4, 0.4, -0.4], 0.75]; // all magnitudes tie: lower indices go first
      case 2:
        return [[-1, 2, -3], 1]; // prune everything
      case 3:
        return [[0.7], 0.875]; // floor(0.875) = 0: keeps the weight
      default: {
        const n = rng.int(1, 100);
        const coarse = index % 2 === 0; // coarse weights produce ties
        const weights = Array.from({ length: n }, () => (coarse ? rng.int(-4, 4) / 4 : round2(rng.normal())));
        return [weights, rng.pick(SPARSITIES)];
      }
    }
  },
  check(got, want, tolerance) {
    return compareValues(got, want, { ...tolerance, exact: true });
  },
  starterCode: `function magnitudePrune(weights: number[], sparsity: number): { pruned: number[]; mask: number[] } {
  // Zero the Math.floor(sparsity * weights.length) weights with the smallest absolute value (equal
  // magnitudes: lower index first). mask[i] = 1 when weights[i] is kept, 0 when pruned.
  return { pruned: weights.slice(), mask: weights.map(() => 1) };
}
`,
  solutionCode: `function magnitudePrune(weights: number[], sparsity: number): { pruned: number[]; mask: number[] } {
  const count = Math.floor(sparsity * weights.length);
  const ranked = weights
    .map((w, i) => ({ m: Math.abs(w), i }))
    .sort((a, b) => (a.m === b.m ? a.i - b.i : a.m < b.m ? -1 : 1));
  const dropped = new Set(ranked.slice(0, count).map((e) => e.i));
  return {
    pruned: weights.map((w, i) => (dropped.has(i) ? 0 : w)),
    mask: weights.map((_, i) => (dropped.has(i) ? 0 : 1)),
  };
}
`,
};
