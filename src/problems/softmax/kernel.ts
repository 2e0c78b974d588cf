import { matrix } from "../../kernels/guards.ts";
import { roundedMatrix, softmaxRow } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";

type Args = [x: number[][]];

/** Row-wise softmax, stable: exp(x − max(row)) / Σ exp(x − max(row)). */
export function softmax(x: number[][]): number[][] {
  matrix(x, "x");
  return x.map(softmaxRow);
}

export const softmaxKernel: KernelSpec<Args, number[][]> = {
  id: "softmax",
  functionName: "softmax",
  signature: "function softmax(x: number[][]): number[][]",
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: softmax,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [1, 2, 3],
            [0, 0, 0],
          ],
        ];
      return [roundedMatrix(rng.matrix(2, 4, -3, 3))];
    }
    switch (index) {
      case 0:
        return [[[42]]]; // one element: probability 1
      case 1:
        return [
          [
            [1000, 1001, 1002],
            [-1000, -1001, -1002],
          ],
        ]; // overflow and underflow without the max shift
      case 2:
        return [
          [
            [5, 5, 5, 5],
            [0, 0, 0, 0],
          ],
        ]; // ties: uniform
      case 3:
        return [[[800, 0, -800]]]; // some probabilities underflow to exactly 0
      default:
        return [rng.matrix(rng.int(1, 12), rng.int(1, 16), -20, 20)];
    }
  },
  starterCode: `function softmax(x: number[][]): number[][] {
  // For every row: out[i][j] = exp(x[i][j]) / Σ_k exp(x[i][k]).
  // Rows may contain values like 1000 or -1000: compute it without overflow or division by zero.
  return x.map((row) => row.map(() => 0));
}
`,
  solutionCode: `function softmax(x: number[][]): number[][] {
  return x.map((row) => {
    let max = -Infinity;
    for (const v of row) max = Math.max(max, v);
    const e = row.map((v) => Math.exp(v - max));
    let total = 0;
    for (const v of e) total += v;
    return e.map((v) => v / total);
  });
}
`,
};
