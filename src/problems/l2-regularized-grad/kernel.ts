import { requireFinite, requireMatrix, requireSameLength, requireVector } from "../../kernels/guards.ts";
import { round2 } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [X: number[][], y: number[], w: number[], b: number, lambda: number];
export type L2GradResult = { loss: number; gradW: number[]; gradB: number };

/**
 * Ridge-regularised mean squared error of a linear model and its gradient:
 * loss = 1/(2n) Σ (x_i·w + b − y_i)² + (λ/2)‖w‖², gradW = (1/n) Xᵀr + λw, gradB = (1/n) Σ r_i.
 * The bias is not regularised.
 */
function l2RegularizedGrad(X: number[][], y: number[], w: number[], b: number, lambda: number): L2GradResult {
  const features = requireMatrix(X, "X");
  requireVector(y, "y");
  requireVector(w, "w");
  requireFinite(b, "b");
  requireFinite(lambda, "lambda");
  if (lambda < 0) throw new KernelInputError(`lambda must be ≥ 0, got ${lambda}`);
  requireSameLength(X, y, "X", "y");
  if (w.length !== features) throw new KernelInputError(`w has length ${w.length} but X has ${features} columns`);
  const n = X.length;
  const gradW = new Array<number>(features).fill(0);
  let gradB = 0;
  let squaredError = 0;
  for (let i = 0; i < n; i++) {
    const row = X[i];
    let residual = b - y[i];
    for (let j = 0; j < features; j++) residual += row[j] * w[j];
    squaredError += residual * residual;
    gradB += residual;
    for (let j = 0; j < features; j++) gradW[j] += residual * row[j];
  }
  let weightNorm = 0;
  for (let j = 0; j < features; j++) {
    gradW[j] = gradW[j] / n + lambda * w[j];
    weightNorm += w[j] * w[j];
  }
  return { loss: squaredError / (2 * n) + (lambda / 2) * weightNorm, gradW, gradB: gradB / n };
}

export const l2RegularizedGradKernel: KernelSpec<Args, L2GradResult> = {
  id: "l2-regularized-grad",
  functionName: "l2RegularizedGrad",
  signature:
    "function l2RegularizedGrad(X: number[][], y: number[], w: number[], b: number, lambda: number): { loss: number; gradW: number[]; gradB: number }",
  tolerance: { atol: 1e-9, rtol: 1e-6 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: l2RegularizedGrad,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
          [1, 2, 3],
          [0.5, -0.5],
          0.1,
          0.1,
        ];
      return [rng.matrix(4, 3).map((row) => row.map(round2)), rng.floats(4).map(round2), [0.2, 0, -0.3], 0, 0.5];
    }
    switch (index) {
      case 0:
        return [[[2]], [3], [1.5], -1, 0]; // one sample, one feature, no regularisation
      case 1:
        return [
          [
            [0, 0],
            [0, 0],
          ],
          [1, -1],
          [4, -4],
          0,
          1,
        ]; // zero features: the gradient is λw
      case 2:
        return [rng.matrix(5, 3), rng.floats(5), [0, 0, 0], 0, 10]; // zero weights, strong λ
      default: {
        const n = rng.int(1, 30);
        const d = rng.int(1, 12);
        return [rng.matrix(n, d, -3, 3), rng.floats(n, -5, 5), rng.floats(d, -2, 2), rng.float(-1, 1), rng.float(0, 2)];
      }
    }
  },
  starterCode: `function l2RegularizedGrad(
  X: number[][],
  y: number[],
  w: number[],
  b: number,
  lambda: number,
): { loss: number; gradW: number[]; gradB: number } {
  // Residuals r_i = x_i · w + b - y_i. loss = sum(r_i^2) / (2n) + (lambda / 2) * |w|^2;
  // gradW = X^T r / n + lambda * w; gradB = sum(r_i) / n (the bias is not regularised).
  return { loss: 0, gradW: w.map(() => 0), gradB: 0 };
}
`,
  solutionCode: `function l2RegularizedGrad(
  X: number[][],
  y: number[],
  w: number[],
  b: number,
  lambda: number,
): { loss: number; gradW: number[]; gradB: number } {
  const n = X.length;
  const residuals = X.map((row, i) => row.reduce((acc, x, j) => acc + x * w[j], b) - y[i]);
  const dataLoss = residuals.reduce((acc, r) => acc + r * r, 0) / (2 * n);
  const penalty = (lambda / 2) * w.reduce((acc, v) => acc + v * v, 0);
  const gradW = w.map((wj, j) => residuals.reduce((acc, r, i) => acc + r * X[i][j], 0) / n + lambda * wj);
  const gradB = residuals.reduce((acc, r) => acc + r, 0) / n;
  return { loss: dataLoss + penalty, gradW, gradB };
}
`,
};
