import { matrix, requireVector } from "../../kernels/guards.ts";
import { roundedMatrix } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [X: number[][], W: number[][], b: number[]];

/** Checks the shapes of a dense layer Y = X·W + b and returns [batch, inFeatures, outFeatures]. */
export function linearShapes(X: unknown, W: unknown, b: unknown): [number, number, number] {
  const x = matrix(X, "X");
  const inFeatures = x[0].length;
  const w = matrix(W, "W");
  if (w.length !== inFeatures) {
    throw new KernelInputError(`W must have ${inFeatures} rows (one per input feature of X), got ${w.length}`);
  }
  const outFeatures = w[0].length;
  requireVector(b, "b", { length: outFeatures });
  return [x.length, inFeatures, outFeatures];
}

/** Y = X·W + b for X (batch×in), W (in×out), b (out). */
export function linearForward(X: number[][], W: number[][], b: number[]): number[][] {
  const [batch, inFeatures, outFeatures] = linearShapes(X, W, b);
  const Y: number[][] = [];
  for (let i = 0; i < batch; i++) {
    const row = b.slice();
    const x = X[i];
    for (let p = 0; p < inFeatures; p++) {
      const xp = x[p];
      const wRow = W[p];
      for (let j = 0; j < outFeatures; j++) row[j] += xp * wRow[j];
    }
    Y.push(row);
  }
  return Y;
}

export const linearForwardKernel: KernelSpec<Args, number[][]> = {
  id: "linear-forward",
  functionName: "linearForward",
  signature: "function linearForward(X: number[][], W: number[][], b: number[]): number[][]",
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: linearForward,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [1, 2],
            [3, 4],
          ],
          [
            [1, 0, -1],
            [0.5, 2, 1],
          ],
          [0.1, 0.2, 0.3],
        ];
      return [roundedMatrix(rng.matrix(3, 2, -2, 2)), roundedMatrix(rng.matrix(2, 2, -1, 1)), [0, 1]];
    }
    switch (index) {
      case 0:
        return [[[2]], [[-3]], [0.5]]; // every size 1
      case 1:
        return [
          rng.matrix(4, 3),
          [
            [0, 0],
            [0, 0],
            [0, 0],
          ],
          [1, -1],
        ]; // zero weights: every row is b
      case 2:
        return [rng.matrix(1, 16), rng.matrix(16, 1), [0]]; // one sample, one output
      default: {
        const batch = rng.int(1, 24);
        const inF = rng.int(1, 24);
        const outF = rng.int(1, 24);
        return [rng.matrix(batch, inF, -3, 3), rng.matrix(inF, outF), rng.floats(outF)];
      }
    }
  },
  starterCode: `function linearForward(X: number[][], W: number[][], b: number[]): number[][] {
  // X is batch×in, W is in×out, b has length out.
  // Return Y (batch×out) with Y[i][j] = b[j] + Σ_p X[i][p] * W[p][j].
  return X.map(() => b.map(() => 0));
}
`,
  solutionCode: `function linearForward(X: number[][], W: number[][], b: number[]): number[][] {
  return X.map((x) =>
    b.map((bias, j) => {
      let sum = bias;
      for (let p = 0; p < x.length; p++) sum += x[p] * W[p][j];
      return sum;
    }),
  );
}
`,
};
