import { matrix, requireFinite, requireVector } from "../../kernels/guards.ts";
import { roundedMatrix } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [x: number[][], residual: number[][], gamma: number[], eps: number];
export type RmsNormFusedResult = { out: number[][]; residual: number[][] };

/**
 * The pre-norm block's fused "add + RMSNorm": h = x + residual is the new residual stream, and
 * out = h / sqrt(mean(h²) + eps) ⊙ gamma is the next sublayer's input. No mean is subtracted (that is LayerNorm),
 * eps sits inside the square root, and the scale is gamma itself (not 1 + gamma as Gemma stores it).
 */
export function rmsNormFusedResidual(
  x: number[][],
  residual: number[][],
  gamma: number[],
  eps: number,
): RmsNormFusedResult {
  const rows = matrix(x, "x").length;
  const d = x[0].length;
  matrix(residual, "residual", rows, d);
  requireVector(gamma, "gamma", { length: d });
  requireFinite(eps, "eps");
  if (eps <= 0) throw new KernelInputError(`eps must be > 0, got ${eps}`);
  const sums: number[][] = [];
  const outs: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const h = new Array<number>(d);
    let sumSquares = 0;
    for (let j = 0; j < d; j++) {
      h[j] = x[i][j] + residual[i][j];
      sumSquares += h[j] * h[j];
    }
    const inverseRms = 1 / Math.sqrt(sumSquares / d + eps);
    outs.push(h.map((v, j) => v * inverseRms * gamma[j]));
    sums.push(h);
  }
  return { out: outs, residual: sums };
}

export const rmsNormFusedResidualKernel: KernelSpec<Args, RmsNormFusedResult> = {
  id: "rmsnorm-fused-residual",
  functionName: "rmsNormFusedResidual",
  signature:
    "function rmsNormFusedResidual(x: number[][], residual: number[][], gamma: number[], eps: number): { out: number[][]; residual: number[][] }",
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 10, performance: 0 },
  reference: rmsNormFusedResidual,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [1, -2, 3, 0],
            [0.5, 0.5, 0.5, 0.5],
          ],
          [
            [1, 0, -1, 2],
            [-0.5, -0.5, -0.5, -0.5],
          ],
          [1, 0.5, 2, 1],
          1e-6,
        ];
      return [roundedMatrix(rng.matrix(2, 5, -3, 3)), roundedMatrix(rng.matrix(2, 5, -3, 3)), [1, 1, 1, 1, 1], 1e-5];
    }
    const random = (rows: number, d: number, eps: number): Args => [
      rng.matrix(rows, d, -4, 4),
      rng.matrix(rows, d, -4, 4),
      rng.floats(d, -2, 2),
      eps,
    ];
    switch (index) {
      case 0:
        return [[[3]], [[-5]], [1.5], 1e-6]; // one feature: out = gamma·h/sqrt(h² + eps) ≈ ±gamma
      case 1: {
        // residual = −x: the stream is all zeros, eps keeps 0/sqrt(eps) finite
        const x = rng.matrix(2, 6, -3, 3);
        return [x, x.map((row) => row.map((v) => -v)), rng.floats(6, 0.5, 2), 1e-5];
      }
      case 2: {
        // a large common offset: RMSNorm keeps it, LayerNorm would remove it
        const x = rng.matrix(3, 8, -1, 1).map((row) => row.map((v) => 20 + v));
        return [x, rng.matrix(3, 8, -1, 1), rng.floats(8, 0.5, 2), 1e-6];
      }
      case 3:
        return random(2, 16, 1); // eps = 1 is as large as mean(h²): inside vs outside the root differ a lot
      case 4: {
        // tiny activations: mean(h²) ≈ 1e-8 is below eps = 1e-5, so eps dominates the denominator
        const [x, r, g] = random(2, 12, 1e-5);
        return [x.map((row) => row.map((v) => v * 1e-4)), r.map((row) => row.map((v) => v * 1e-4)), g, 1e-5];
      }
      case 5:
        return random(1, 64, 1e-6); // one token, a wider hidden size
      default:
        return random(rng.int(1, 8), rng.int(2, 48), rng.pick([1e-6, 1e-5, 1e-2]));
    }
  },
  starterCode: `function rmsNormFusedResidual(
  x: number[][],
  residual: number[][],
  gamma: number[],
  eps: number,
): { out: number[][]; residual: number[][] } {
  // Per row: h = x + residual (the new residual stream);
  // out[j] = h[j] / sqrt(mean(h²) + eps) * gamma[j]. Return both.
  return { out: x.map((row) => row.map(() => 0)), residual };
}
`,
  solutionCode: `function rmsNormFusedResidual(
  x: number[][],
  residual: number[][],
  gamma: number[],
  eps: number,
): { out: number[][]; residual: number[][] } {
  const out: number[][] = [];
  const stream: number[][] = [];
  for (let i = 0; i < x.length; i++) {
    const h = x[i].map((v, j) => v + residual[i][j]);
    let meanSquare = 0;
    for (const v of h) meanSquare += v * v;
    meanSquare /= h.length;
    const inv = 1 / Math.sqrt(meanSquare + eps);
    out.push(h.map((v, j) => v * inv * gamma[j]));
    stream.push(h);
  }
  return { out, residual: stream };
}
`,
};
