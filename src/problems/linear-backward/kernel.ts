import { matrix } from "../../kernels/guards.ts";
import { roundedMatrix } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { linearForward, linearShapes } from "../linear-forward/kernel.ts";

type Args = [X: number[][], W: number[][], b: number[], Y: number[][]];
export type LinearBackwardResult = { loss: number; dW: number[][]; db: number[]; dX: number[][] };

/**
 * Forward and backward pass of a dense layer under mean squared error over all batch×out entries:
 * P = X·W + b, loss = Σ (P − Y)² / (batch·out), G = ∂loss/∂P = 2(P − Y) / (batch·out),
 * dW = Xᵀ·G, db = column sums of G, dX = G·Wᵀ.
 */
export function linearBackward(X: number[][], W: number[][], b: number[], Y: number[][]): LinearBackwardResult {
  const [batch, inFeatures, outFeatures] = linearShapes(X, W, b);
  matrix(Y, "Y", batch, outFeatures);
  const P = linearForward(X, W, b);
  const count = batch * outFeatures;
  let loss = 0;
  const G = P.map((row, i) =>
    row.map((p, j) => {
      const diff = p - Y[i][j];
      loss += diff * diff;
      return (2 * diff) / count;
    }),
  );
  const dW = Array.from({ length: inFeatures }, () => new Array<number>(outFeatures).fill(0));
  const db = new Array<number>(outFeatures).fill(0);
  const dX = Array.from({ length: batch }, () => new Array<number>(inFeatures).fill(0));
  for (let i = 0; i < batch; i++) {
    const g = G[i];
    const x = X[i];
    for (let j = 0; j < outFeatures; j++) db[j] += g[j];
    for (let p = 0; p < inFeatures; p++) {
      const dWRow = dW[p];
      const wRow = W[p];
      let dx = 0;
      for (let j = 0; j < outFeatures; j++) {
        dWRow[j] += x[p] * g[j];
        dx += g[j] * wRow[j];
      }
      dX[i][p] = dx;
    }
  }
  return { loss: loss / count, dW, db, dX };
}

export const linearBackwardKernel: KernelSpec<Args, LinearBackwardResult> = {
  id: "linear-backward",
  functionName: "linearBackward",
  signature:
    "function linearBackward(X: number[][], W: number[][], b: number[], Y: number[][]): { loss: number; dW: number[][]; db: number[]; dX: number[][] }",
  tolerance: { atol: 1e-9, rtol: 1e-7 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: linearBackward,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [1, 2],
            [3, 4],
          ],
          [[0.5], [-0.5]],
          [0.1],
          [[0], [1]],
        ];
      return [
        roundedMatrix(rng.matrix(3, 2)),
        roundedMatrix(rng.matrix(2, 2)),
        [0, 0.5],
        roundedMatrix(rng.matrix(3, 2)),
      ];
    }
    switch (index) {
      case 0:
        return [[[2]], [[3]], [1], [[7]]]; // a perfect prediction: every gradient is zero
      case 1:
        return [[[1.5]], [[-2]], [0.5], [[4]]]; // every size 1
      case 2:
        return [
          rng.matrix(5, 3),
          [
            [0, 0],
            [0, 0],
            [0, 0],
          ],
          [0, 0],
          rng.matrix(5, 2),
        ]; // zero weights: dX = 0
      default: {
        const batch = rng.int(1, 16);
        const inF = rng.int(1, 12);
        const outF = rng.int(1, 8);
        return [rng.matrix(batch, inF, -2, 2), rng.matrix(inF, outF), rng.floats(outF), rng.matrix(batch, outF, -3, 3)];
      }
    }
  },
  starterCode: `function linearBackward(
  X: number[][],
  W: number[][],
  b: number[],
  Y: number[][],
): { loss: number; dW: number[][]; db: number[]; dX: number[][] } {
  // Forward: P = X·W + b (X batch×in, W in×out). Loss: mean of (P - Y)^2 over all batch×out entries.
  // Backward: G = dLoss/dP, then dW = X^T·G (in×out), db = column sums of G, dX = G·W^T (batch×in).
  return {
    loss: 0,
    dW: W.map((row) => row.map(() => 0)),
    db: b.map(() => 0),
    dX: X.map((row) => row.map(() => 0)),
  };
}
`,
  solutionCode: `function linearBackward(
  X: number[][],
  W: number[][],
  b: number[],
  Y: number[][],
): { loss: number; dW: number[][]; db: number[]; dX: number[][] } {
  const batch = X.length;
  const inF = W.length;
  const outF = b.length;
  const count = batch * outF;
  const residual = X.map((x, i) =>
    b.map((bias, j) => x.reduce((acc, v, p) => acc + v * W[p][j], bias) - Y[i][j]),
  );
  let loss = 0;
  for (const row of residual) for (const r of row) loss += r * r;
  const G = residual.map((row) => row.map((r) => (2 * r) / count));
  const dW: number[][] = [];
  for (let p = 0; p < inF; p++) {
    dW.push(b.map((_, j) => G.reduce((acc, g, i) => acc + X[i][p] * g[j], 0)));
  }
  const db = b.map((_, j) => G.reduce((acc, g) => acc + g[j], 0));
  const dX = G.map((g) => W.map((wRow) => wRow.reduce((acc, w, j) => acc + w * g[j], 0)));
  return { loss: loss / count, dW, db, dX };
}
`,
};
