import { compareValues } from "../../kernels/compare.ts";
import { requireArray, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [n: number, k: number, permutation: number[] | null];
export type Fold = { train: number[]; test: number[] };

/**
 * scikit-learn KFold: walk the sample order (0 … n−1, or `permutation` when shuffling) and cut it into k
 * consecutive folds, the first n mod k of size ⌊n/k⌋ + 1 and the rest of size ⌊n/k⌋. Fold f's test set is
 * its slice; its train set is every other index. Both lists are sorted ascending.
 */
function kfoldIndices(n: number, k: number, permutation: number[] | null): Fold[] {
  requireInteger(n, "n", 2, 1_000_000);
  requireInteger(k, "k", 2, n);
  let order: number[];
  if (permutation === null) order = Array.from({ length: n }, (_, i) => i);
  else {
    requireArray(permutation, "permutation");
    if (permutation.length !== n) throw new KernelInputError(`permutation has length ${permutation.length}, n is ${n}`);
    const seen = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const index = requireInteger(permutation[i], `permutation[${i}]`, 0, n - 1);
      if (seen[index]) throw new KernelInputError(`permutation repeats ${index}`);
      seen[index] = 1;
    }
    order = permutation;
  }
  const folds: Fold[] = [];
  const foldOf = new Int32Array(n);
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let j = start; j < start + size; j++) foldOf[order[j]] = f;
    start += size;
  }
  for (let f = 0; f < k; f++) {
    const fold: Fold = { train: [], test: [] };
    for (let i = 0; i < n; i++) (foldOf[i] === f ? fold.test : fold.train).push(i);
    folds.push(fold);
  }
  return folds;
}

function shuffled(n: number, rng: Rng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export const kfoldIndicesKernel: KernelSpec<Args, Fold[]> = {
  id: "kfold-indices",
  functionName: "kfoldIndices",
  signature:
    "function kfoldIndices(n: number, k: number, permutation: number[] | null): { train: number[]; test: number[] }[]",
  tolerance: { atol: 0, rtol: 0 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: kfoldIndices,
  generate(kind, index, rng) {
    if (kind === "sample") return index === 0 ? [5, 2, null] : [6, 3, [4, 1, 5, 0, 2, 3]];
    switch (index) {
      case 0:
        return [2, 2, null]; // leave-one-out on two samples
      case 1:
        return [7, 7, shuffled(7, rng)]; // k = n
      case 2:
        return [10, 3, [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]];
      default: {
        const n = rng.int(2, 120);
        const k = rng.int(2, Math.min(n, 10));
        return [n, k, index % 2 === 0 ? null : shuffled(n, rng)];
      }
    }
  },
  check(got, want, tolerance) {
    return compareValues(got, want, { ...tolerance, exact: true });
  },
  starterCode: `function kfoldIndices(
  n: number,
  k: number,
  permutation: number[] | null,
): { train: number[]; test: number[] }[] {
  // Order the samples (0..n-1, or permutation when given) and cut that order into k consecutive folds;
  // the first n % k folds get one extra sample. For each fold return its test indices and all other
  // indices as train, both sorted ascending.
  return [];
}
`,
  solutionCode: `function kfoldIndices(
  n: number,
  k: number,
  permutation: number[] | null,
): { train: number[]; test: number[] }[] {
  const order = permutation ?? [...Array(n).keys()];
  const small = Math.floor(n / k);
  const big = n % k;
  const result: { train: number[]; test: number[] }[] = [];
  let pos = 0;
  for (let f = 0; f < k; f++) {
    const size = f < big ? small + 1 : small;
    const inTest = new Set(order.slice(pos, pos + size));
    pos += size;
    const all = [...Array(n).keys()];
    result.push({ train: all.filter((i) => !inTest.has(i)), test: all.filter((i) => inTest.has(i)) });
  }
  return result;
}
`,
};
