import { requireVector } from "../../kernels/guards.ts";
import { round2 } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";

type Args = [x: number[]];
export type OnlineSoftmaxResult = { max: number; sumExp: number; probs: number[] };

/**
 * Softmax of a vector with the running (max, sum) recurrence of online softmax: one pass keeps
 * m_j = max(m_{j−1}, x_j) and d_j = d_{j−1}·exp(m_{j−1} − m_j) + exp(x_j − m_j); a second pass writes
 * exp(x_i − m)/d. Returns the final statistics (m = max x, d = Σ exp(x − m)) too.
 */
export function onlineSoftmax(x: number[]): OnlineSoftmaxResult {
  requireVector(x, "x");
  let max = Number.NEGATIVE_INFINITY;
  let sumExp = 0;
  for (const v of x) {
    if (v > max) {
      sumExp = sumExp * Math.exp(max - v) + 1;
      max = v;
    } else {
      sumExp += Math.exp(v - max);
    }
  }
  return { max, sumExp, probs: x.map((v) => Math.exp(v - max) / sumExp) };
}

export const onlineSoftmaxKernel: KernelSpec<Args, OnlineSoftmaxResult> = {
  id: "online-softmax",
  functionName: "onlineSoftmax",
  signature: "function onlineSoftmax(x: number[]): { max: number; sumExp: number; probs: number[] }",
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: onlineSoftmax,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) return [[1, 3, 2]];
      return [rng.floats(5, -4, 4).map(round2)];
    }
    switch (index) {
      case 0:
        return [[-7]]; // a single element
      case 1:
        return [[1, 2, 3, 4, 5, 6, 7, 8]]; // the max moves at every step: rescaling each time
      case 2:
        return [[9, 8, 7, 6, 5]]; // the max is first and never moves
      case 3:
        return [[2000, -50, 2001, 1999]]; // would overflow without the running max
      case 4:
        return [[3, 3, 3]]; // ties
      default:
        return [rng.floats(rng.int(1, 64), -30, 30)];
    }
  },
  starterCode: `function onlineSoftmax(x: number[]): { max: number; sumExp: number; probs: number[] } {
  // In ONE pass over x keep the running maximum m and the running sum d of exp(x_i - m):
  // when a new maximum arrives, rescale d by exp(old m - new m) before adding.
  // Then probs[i] = exp(x[i] - m) / d. Return the final m as max and d as sumExp too.
  return { max: 0, sumExp: 0, probs: x.map(() => 0) };
}
`,
  solutionCode: `function onlineSoftmax(x: number[]): { max: number; sumExp: number; probs: number[] } {
  let m = -Infinity;
  let d = 0;
  for (const v of x) {
    const next = Math.max(m, v);
    d = d * Math.exp(m - next) + Math.exp(v - next);
    m = next;
  }
  return { max: m, sumExp: d, probs: x.map((v) => Math.exp(v - m) / d) };
}
`,
};
