import { matrix, requireFinite, requireVector } from "../../kernels/guards.ts";
import { round2, roundedMatrix } from "../../kernels/numeric.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";

type Args = [x: number[], W1: number[][], b1: number[], w2: number[], b2: number];
export type SaliencyResult = { score: number; gradient: number[]; saliency: number[] };

/**
 * Gradient × input saliency for a one-hidden-layer tanh network with a scalar score:
 * a = tanh(W1·x + b1), score = w2·a + b2, ∂score/∂x_d = Σ_r w2_r (1 − a_r²) W1[r][d], saliency = x ⊙ gradient.
 * Shapes: x D, W1 H×D, b1 H, w2 H.
 */
export function saliency(x: number[], W1: number[][], b1: number[], w2: number[], b2: number): SaliencyResult {
  const inputs = requireVector(x, "x").length;
  const hidden = matrix(W1, "W1", undefined, inputs).length;
  requireVector(b1, "b1", { length: hidden });
  requireVector(w2, "w2", { length: hidden });
  requireFinite(b2, "b2");
  let score = b2;
  const gradient = new Array<number>(inputs).fill(0);
  for (let r = 0; r < hidden; r++) {
    let z = b1[r];
    for (let d = 0; d < inputs; d++) z += W1[r][d] * x[d];
    const a = Math.tanh(z);
    score += w2[r] * a;
    const upstream = w2[r] * (1 - a * a);
    for (let d = 0; d < inputs; d++) gradient[d] += upstream * W1[r][d];
  }
  return { score, gradient, saliency: gradient.map((g, d) => g * x[d]) };
}

function randomModel(rng: Rng, inputs: number, hidden: number): Args {
  return [
    rng.floats(inputs, -2, 2),
    rng.matrix(hidden, inputs),
    rng.floats(hidden, -0.5, 0.5),
    rng.floats(hidden, -2, 2),
    rng.float(-1, 1),
  ];
}

export const saliencyKernel: KernelSpec<Args, SaliencyResult> = {
  id: "saliency",
  functionName: "saliency",
  signature:
    "function saliency(x: number[], W1: number[][], b1: number[], w2: number[], b2: number): { score: number; gradient: number[]; saliency: number[] }",
  tolerance: { atol: 1e-9, rtol: 1e-7 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: saliency,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [1, -2],
          [
            [0.5, 0],
            [0, 0.25],
          ],
          [0, 0],
          [1, -1],
          0,
        ];
      const [x, W1, b1, w2] = randomModel(rng, 3, 2);
      return [x.map(round2), roundedMatrix(W1), b1.map(round2), w2.map(round2), 0.5];
    }
    switch (index) {
      case 0:
        return randomModel(rng, 1, 1); // every size 1
      case 1: {
        const [, W1, b1, w2, b2] = randomModel(rng, 4, 3);
        return [[0, 0, 0, 0], W1, b1, w2, b2]; // zero input: saliency 0 though the gradient is not
      }
      case 2:
        return [
          [3, -3],
          [
            [20, 0],
            [0, -20],
          ],
          [0, 0],
          [1, 1],
          0,
        ]; // saturated tanh: the gradient vanishes
      case 3: {
        const [x, W1, b1, , b2] = randomModel(rng, 3, 4);
        return [x, W1, b1, [0, 0, 0, 0], b2]; // zero output weights: score = b2, gradient 0
      }
      default:
        return randomModel(rng, rng.int(1, 16), rng.int(1, 12));
    }
  },
  starterCode: `function saliency(
  x: number[],
  W1: number[][],
  b1: number[],
  w2: number[],
  b2: number,
): { score: number; gradient: number[]; saliency: number[] } {
  // Model: a = tanh(W1·x + b1) (W1 is H×D), score = w2·a + b2.
  // gradient[d] = ∂score/∂x[d] (back-propagate through tanh: d tanh(z)/dz = 1 - tanh(z)^2);
  // saliency[d] = gradient[d] * x[d].
  return { score: b2, gradient: x.map(() => 0), saliency: x.map(() => 0) };
}
`,
  solutionCode: `function saliency(
  x: number[],
  W1: number[][],
  b1: number[],
  w2: number[],
  b2: number,
): { score: number; gradient: number[]; saliency: number[] } {
  const activations = W1.map((row, r) => Math.tanh(row.reduce((acc, w, d) => acc + w * x[d], b1[r])));
  const score = activations.reduce((acc, a, r) => acc + w2[r] * a, b2);
  const gradient = x.map((_, d) => activations.reduce((acc, a, r) => acc + w2[r] * (1 - a * a) * W1[r][d], 0));
  return { score, gradient, saliency: gradient.map((g, d) => g * x[d]) };
}
`,
};
