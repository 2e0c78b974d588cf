import { requireFinite, requireVector } from "../../kernels/guards.ts";
import { round2, sigmoid } from "../../kernels/numeric.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [x: number[], w: number[], b: number, label: number, epsilon: number, clipMin: number, clipMax: number];
export type FgsmResult = { loss: number; gradient: number[]; adversarial: number[] };

/**
 * Fast gradient sign method against a logistic-regression classifier p = sigmoid(w·x + b) with binary
 * cross-entropy loss = −[y log p + (1 − y) log(1 − p)] = softplus(z) − y·z (the stable form).
 * gradient = ∂loss/∂x = (p − y)·w; adversarial = clip(x + epsilon·sign(gradient), clipMin, clipMax), sign(0) = 0.
 */
export function fgsm(
  x: number[],
  w: number[],
  b: number,
  label: number,
  epsilon: number,
  clipMin: number,
  clipMax: number,
): FgsmResult {
  const d = requireVector(x, "x").length;
  requireVector(w, "w", { length: d });
  requireFinite(b, "b");
  if (label !== 0 && label !== 1) throw new KernelInputError(`label must be 0 or 1, got ${String(label)}`);
  requireFinite(epsilon, "epsilon");
  if (epsilon < 0) throw new KernelInputError(`epsilon must be ≥ 0, got ${epsilon}`);
  requireFinite(clipMin, "clipMin");
  requireFinite(clipMax, "clipMax");
  if (clipMin > clipMax) {
    throw new KernelInputError(`clipMin (${clipMin}) must not exceed clipMax (${clipMax})`);
  }
  let z = b;
  for (let j = 0; j < d; j++) z += w[j] * x[j];
  const softplus = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  const residual = sigmoid(z) - label;
  const gradient = w.map((wj) => residual * wj);
  const adversarial = x.map((xj, j) => Math.min(clipMax, Math.max(clipMin, xj + epsilon * Math.sign(gradient[j]))));
  return { loss: softplus - label * z, gradient, adversarial };
}

function randomCase(rng: Rng, d: number): Args {
  return [
    rng.floats(d, 0, 1),
    rng.floats(d, -1, 1),
    rng.float(-0.5, 0.5),
    rng.int(0, 1),
    rng.pick([0.01, 0.05, 0.1, 0.3]),
    0,
    1,
  ];
}

export const fgsmKernel: KernelSpec<Args, FgsmResult> = {
  id: "fgsm",
  functionName: "fgsm",
  signature:
    "function fgsm(x: number[], w: number[], b: number, label: number, epsilon: number, clipMin: number, clipMax: number): { loss: number; gradient: number[]; adversarial: number[] }",
  tolerance: { atol: 1e-9, rtol: 1e-7 },
  testCounts: { sample: 2, hidden: 10, performance: 0 },
  reference: fgsm,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) return [[0.2, 0.8], [1, -2], 0.5, 1, 0.1, 0, 1];
      return [rng.floats(4, 0, 1).map(round2), rng.floats(4).map(round2), 0, 0, 0.05, 0, 1];
    }
    switch (index) {
      case 0:
        return [[0.5], [2], -1, 0, 0.25, 0, 1]; // one feature
      case 1:
        return [[0.3, 0.6, 0.9], [0, 1.5, 0], 0.1, 1, 0.2, 0, 1]; // zero weights: sign 0, those pixels stay
      case 2:
        return [[0, 1, 0.98, 0.01], [1, 1, -1, -1], 0, 0, 0.1, 0, 1]; // pushes against the clip range
      case 3:
        return [[0.4, 0.4], [-3, 2], 0.5, 1, 0, 0, 1]; // epsilon 0: the input comes back unchanged
      case 4:
        return [[2, -1, 0.5], [0.5, -0.25, 1], 0, 1, 0.5, -1, 1]; // an input already outside the range is clipped
      case 5:
        // z = 40, label 0: p rounds to 1, so the naive log(1 − p) is log 0 (the loss is 40)
        return [[1, 0.5, 0.25], [20, 30, 20], 0, 0, 0.1, 0, 1];
      case 6:
        // z = −800, label 1: exp(800) overflows a naive log(1 + e^(−z)) (the loss is 800)
        return [[0.5, 1], [-1000, -300], 0, 1, 0.1, 0, 1];
      default:
        return randomCase(rng, rng.int(1, 24));
    }
  },
  starterCode: `function fgsm(
  x: number[],
  w: number[],
  b: number,
  label: number,
  epsilon: number,
  clipMin: number,
  clipMax: number,
): { loss: number; gradient: number[]; adversarial: number[] } {
  // Classifier: p = sigmoid(w·x + b); loss = binary cross-entropy of p against label (0 or 1).
  // gradient = dLoss/dx; adversarial[j] = clamp(x[j] + epsilon * sign(gradient[j]), clipMin, clipMax), sign(0) = 0.
  return { loss: 0, gradient: x.map(() => 0), adversarial: x.slice() };
}
`,
  solutionCode: `function fgsm(
  x: number[],
  w: number[],
  b: number,
  label: number,
  epsilon: number,
  clipMin: number,
  clipMax: number,
): { loss: number; gradient: number[]; adversarial: number[] } {
  const z = x.reduce((acc, v, j) => acc + v * w[j], b);
  // log(1 + e^z) computed without overflow for large |z|
  const logOnePlusExp = (t: number) => (t > 0 ? t + Math.log(1 + Math.exp(-t)) : Math.log(1 + Math.exp(t)));
  const loss = label === 1 ? logOnePlusExp(-z) : logOnePlusExp(z);
  const p = 1 / (1 + Math.exp(-z));
  const gradient = w.map((wj) => (p - label) * wj);
  const adversarial = x.map((v, j) => {
    const moved = v + epsilon * Math.sign(gradient[j]);
    return Math.min(clipMax, Math.max(clipMin, moved));
  });
  return { loss, gradient, adversarial };
}
`,
};
