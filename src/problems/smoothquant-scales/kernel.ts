import { matrix, requireFinite } from "../../kernels/guards.ts";
import { roundHalfEven } from "../../kernels/numeric.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [x: number[][], w: number[][], alpha: number];
export type Smoothed = {
  scales: number[];
  xSmoothed: number[][];
  wSmoothed: number[][];
  errorBefore: number;
  errorAfter: number;
};

const quantize = (v: number, scale: number) => Math.min(127, Math.max(-127, roundHalfEven(v / scale))) * scale;

/** Symmetric INT8 with one scale for the whole matrix (activations, as W8A8 kernels take them per tensor). */
function quantizePerTensor(a: readonly number[][]): number[][] {
  let peak = 0;
  for (const row of a) for (const v of row) peak = Math.max(peak, Math.abs(v));
  const scale = peak > 0 ? peak / 127 : 1;
  return a.map((row) => row.map((v) => quantize(v, scale)));
}

/** Symmetric INT8 with one scale per output channel (a column of W, which is in × out). */
function quantizePerColumn(a: readonly number[][]): number[][] {
  const scales = a[0].map((_, o) => {
    let peak = 0;
    for (const row of a) peak = Math.max(peak, Math.abs(row[o]));
    return peak > 0 ? peak / 127 : 1;
  });
  return a.map((row) => row.map((v, o) => quantize(v, scales[o])));
}

function matmul(a: readonly number[][], b: readonly number[][]): number[][] {
  return a.map((row) => b[0].map((_, o) => row.reduce((sum, v, j) => sum + v * b[j][o], 0)));
}

/** ‖Q(x)·Q(w) − exact‖_F / ‖exact‖_F. */
function relativeError(x: readonly number[][], w: readonly number[][], exact: readonly number[][]): number {
  const approx = matmul(quantizePerTensor(x), quantizePerColumn(w));
  let diff = 0;
  let norm = 0;
  for (const [t, row] of exact.entries()) {
    for (const [o, v] of row.entries()) {
      diff += (approx[t][o] - v) ** 2;
      norm += v * v;
    }
  }
  return norm > 0 ? Math.sqrt(diff / norm) : 0;
}

/**
 * SmoothQuant (Xiao et al. 2023): activation outliers sit in a few input channels, so a per-tensor INT8 scale
 * wastes nearly all levels on them. Per input channel j, s_j = max|X[:, j]|^α / max|W[j, :]|^(1−α) (1 when either
 * maximum is 0) moves difficulty from activations to weights without changing the product: X' = X·diag(s)⁻¹ and
 * W' = diag(s)·W. The INT8 error of the product (X per tensor, W per output channel, round half to even, clamped to
 * ±127) is reported before and after, both against the exact X·W.
 */
function smoothquantScales(x: number[][], w: number[][], alpha: number): Smoothed {
  const channels = matrix(x, "x")[0].length;
  matrix(w, "w", channels);
  requireFinite(alpha, "alpha");
  if (alpha < 0 || alpha > 1) throw new KernelInputError("alpha must be in [0, 1]");
  const scales = Array.from({ length: channels }, (_, j) => {
    let activation = 0;
    for (const row of x) activation = Math.max(activation, Math.abs(row[j]));
    let weight = 0;
    for (const v of w[j]) weight = Math.max(weight, Math.abs(v));
    return activation > 0 && weight > 0 ? activation ** alpha / weight ** (1 - alpha) : 1;
  });
  const xSmoothed = x.map((row) => row.map((v, j) => v / scales[j]));
  const wSmoothed = w.map((row, j) => row.map((v) => v * scales[j]));
  const exact = matmul(x, w);
  return {
    scales,
    xSmoothed,
    wSmoothed,
    errorBefore: relativeError(x, w, exact),
    errorAfter: relativeError(xSmoothed, wSmoothed, exact),
  };
}

/** Activations with a few outlier channels (×20 to ×80), as LLM activations have, and ordinary weights. */
function outlierCase(rng: Rng, tokens: number, channels: number, outputs: number, alpha: number): Args {
  const outliers = new Set(
    Array.from({ length: Math.max(1, Math.floor(channels / 8)) }, () => rng.int(0, channels - 1)),
  );
  const boost = Array.from({ length: channels }, (_, j) => (outliers.has(j) ? rng.float(20, 80) : 1));
  const x = Array.from({ length: tokens }, () => Array.from({ length: channels }, (_, j) => rng.normal() * boost[j]));
  const w = Array.from({ length: channels }, () => Array.from({ length: outputs }, () => rng.normal(0, 0.1)));
  return [x, w, alpha];
}

export const smoothquantScalesKernel: KernelSpec<Args, Smoothed> = {
  id: "smoothquant-scales",
  functionName: "smoothquantScales",
  signature:
    "function smoothquantScales(x: number[][], w: number[][], alpha: number): { scales: number[]; " +
    "xSmoothed: number[][]; wSmoothed: number[][]; errorBefore: number; errorAfter: number }",
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 10, performance: 0 },
  reference: smoothquantScales,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [1, 40, -0.5],
            [-2, 80, 1],
          ],
          [
            [0.5, -1],
            [0.01, 0.02],
            [1, 0.25],
          ],
          0.5,
        ];
      return outlierCase(rng, 4, 4, 3, 0.5);
    }
    switch (index) {
      case 0:
        return outlierCase(rng, 8, 8, 4, 0); // α = 0: s_j = 1 / max|W_j|, all difficulty stays on X
      case 1:
        return outlierCase(rng, 8, 8, 4, 1); // α = 1: s_j = max|X_j|, the activations become flat
      case 2: {
        // an input channel that is zero in X and one that is zero in W: their scale is 1
        const [x, w] = outlierCase(rng, 6, 5, 3, 0.5);
        for (const row of x) row[1] = 0;
        w[3] = w[3].map(() => 0);
        return [x, w, 0.5];
      }
      case 3:
        return outlierCase(rng, 16, 16, 8, 0.75);
      default:
        return outlierCase(rng, rng.int(2, 12), rng.int(2, 12), rng.int(1, 6), rng.pick([0.25, 0.5, 0.6, 0.8]));
    }
  },
  starterCode: `function smoothquantScales(x: number[][], w: number[][], alpha: number) {
  // x: tokens × in, w: in × out. s_j = max|x[:, j]|^alpha / max|w[j, :]|^(1 - alpha) (1 if either max is 0);
  // xSmoothed = x / s (per column), wSmoothed = diag(s) · w (per row). INT8 error of the product,
  // ||Q(x) Q(w) - x w||_F / ||x w||_F, with x quantised per tensor and w per output column (round half to even,
  // clamp to ±127), before and after smoothing.
  return { scales: x[0].map(() => 1), xSmoothed: x, wSmoothed: w, errorBefore: 0, errorAfter: 0 };
}
`,
  solutionCode: `function smoothquantScales(x: number[][], w: number[][], alpha: number) {
  const roundEven = (v: number): number => {
    const f = Math.floor(v);
    const d = v - f;
    return d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 === 0 ? f : f + 1;
  };
  const q = (v: number, scale: number) => Math.min(127, Math.max(-127, roundEven(v / scale))) * scale;
  const matmul = (a: number[][], b: number[][]) =>
    a.map((row) => b[0].map((_, o) => row.reduce((s, v, j) => s + v * b[j][o], 0)));
  const perTensor = (a: number[][]) => {
    const peak = Math.max(0, ...a.flat().map(Math.abs));
    const scale = peak > 0 ? peak / 127 : 1;
    return a.map((row) => row.map((v) => q(v, scale)));
  };
  const perColumn = (a: number[][]) => {
    const scales = a[0].map((_, o) => {
      const peak = Math.max(0, ...a.map((row) => Math.abs(row[o])));
      return peak > 0 ? peak / 127 : 1;
    });
    return a.map((row) => row.map((v, o) => q(v, scales[o])));
  };
  const exact = matmul(x, w);
  const error = (xa: number[][], wa: number[][]) => {
    const approx = matmul(perTensor(xa), perColumn(wa));
    let diff = 0;
    let norm = 0;
    exact.forEach((row, t) =>
      row.forEach((v, o) => {
        diff += (approx[t][o] - v) ** 2;
        norm += v * v;
      }),
    );
    return norm > 0 ? Math.sqrt(diff / norm) : 0;
  };
  const scales = x[0].map((_, j) => {
    const a = Math.max(...x.map((row) => Math.abs(row[j])));
    const b = Math.max(...w[j].map(Math.abs));
    return a > 0 && b > 0 ? a ** alpha / b ** (1 - alpha) : 1;
  });
  const xSmoothed = x.map((row) => row.map((v, j) => v / scales[j]));
  const wSmoothed = w.map((row, j) => row.map((v) => v * scales[j]));
  return { scales, xSmoothed, wSmoothed, errorBefore: error(x, w), errorAfter: error(xSmoothed, wSmoothed) };
}
`,
};
