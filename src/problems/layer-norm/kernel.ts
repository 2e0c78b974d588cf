import { matrix, requireFinite, requireVector } from "../../kernels/guards.ts";
import { roundedMatrix } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [x: number[][], gamma: number[], beta: number[], eps: number];

/**
 * Layer normalisation of each row over its features: y = gamma ⊙ (x − μ) / sqrt(σ² + eps) + beta, with μ the row
 * mean and σ² the biased (divide by D) variance. The variance is computed from centred values (two passes) so a
 * large common offset does not cancel catastrophically as E[x²] − E[x]² would.
 */
function layerNorm(x: number[][], gamma: number[], beta: number[], eps: number): number[][] {
  const features = matrix(x, "x")[0].length;
  requireVector(gamma, "gamma", { length: features });
  requireVector(beta, "beta", { length: features });
  requireFinite(eps, "eps");
  if (eps <= 0) throw new KernelInputError(`eps must be > 0, got ${eps}`);
  return x.map((row) => {
    let mean = 0;
    for (const v of row) mean += v;
    mean /= features;
    let variance = 0;
    for (const v of row) variance += (v - mean) * (v - mean);
    variance /= features;
    const inv = 1 / Math.sqrt(variance + eps);
    return row.map((v, j) => gamma[j] * (v - mean) * inv + beta[j]);
  });
}

export const layerNormKernel: KernelSpec<Args, number[][]> = {
  id: "layer-norm",
  functionName: "layerNorm",
  signature: "function layerNorm(x: number[][], gamma: number[], beta: number[], eps: number): number[][]",
  tolerance: { atol: 1e-9, rtol: 1e-6 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: layerNorm,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [1, 2, 3, 4],
            [2, 2, 2, 2],
          ],
          [1, 1, 1, 1],
          [0, 0, 0, 0],
          1e-5,
        ];
      return [roundedMatrix(rng.matrix(3, 3, -2, 2)), [1, 0.5, 2], [0, 0.1, -0.1], 1e-5];
    }
    switch (index) {
      case 0:
        return [[[3.7]], [2], [0.5], 1e-5]; // one feature: x − μ = 0, the output is beta
      case 1:
        return [
          [
            [4, 4, 4],
            [-1, -1, -1],
          ],
          [1, 2, 3],
          [0.1, 0.2, 0.3],
          1e-5,
        ]; // constant rows: eps keeps it finite
      case 2: {
        // a large common offset: E[x²] − E[x]² loses most digits here
        const row = rng.floats(16, -1, 1).map((v) => 1e6 + v);
        return [[row], new Array<number>(16).fill(1), new Array<number>(16).fill(0), 1e-5];
      }
      case 3:
        return [[[0, 1e-3]], [1, 1], [0, 0], 1]; // eps dominates the tiny variance
      default: {
        const d = rng.int(1, 24);
        return [
          rng.matrix(rng.int(1, 8), d, -5, 5),
          rng.floats(d, 0.5, 2),
          rng.floats(d, -1, 1),
          rng.pick([1e-5, 1e-3, 0.1]),
        ];
      }
    }
  },
  starterCode: `function layerNorm(x: number[][], gamma: number[], beta: number[], eps: number): number[][] {
  // Normalise every row over its D features: mean μ, biased variance σ² = Σ (x - μ)^2 / D,
  // y[j] = gamma[j] * (x[j] - μ) / sqrt(σ² + eps) + beta[j].
  return x.map((row) => row.map((_, j) => beta[j]));
}
`,
  solutionCode: `function layerNorm(x: number[][], gamma: number[], beta: number[], eps: number): number[][] {
  return x.map((row) => {
    const d = row.length;
    const mu = row.reduce((a, v) => a + v, 0) / d;
    const centred = row.map((v) => v - mu);
    const variance = centred.reduce((a, c) => a + c * c, 0) / d;
    const scale = Math.sqrt(variance + eps);
    return centred.map((c, j) => (gamma[j] * c) / scale + beta[j]);
  });
}
`,
};
