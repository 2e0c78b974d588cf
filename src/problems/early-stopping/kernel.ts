import { compareValues } from "../../kernels/compare.ts";
import { requireFinite, requireInteger, requireVector } from "../../kernels/guards.ts";
import { round2 } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [valLosses: number[], patience: number, minDelta: number];
export type EarlyStoppingResult = { stopped: boolean; stopEpoch: number; bestEpoch: number; bestLoss: number };

/**
 * Keras-style early stopping on a validation loss (epochs 0-based). An epoch improves when its loss is
 * below bestLoss − minDelta; otherwise the wait counter grows, and training stops at the epoch where it
 * reaches `patience`. Without a stop, stopEpoch is the last epoch.
 */
function earlyStopping(valLosses: number[], patience: number, minDelta: number): EarlyStoppingResult {
  requireVector(valLosses, "valLosses");
  requireInteger(patience, "patience", 1);
  requireFinite(minDelta, "minDelta");
  if (minDelta < 0) throw new KernelInputError(`minDelta must be ≥ 0, got ${minDelta}`);
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestEpoch = -1;
  let wait = 0;
  for (let epoch = 0; epoch < valLosses.length; epoch++) {
    if (valLosses[epoch] < bestLoss - minDelta) {
      bestLoss = valLosses[epoch];
      bestEpoch = epoch;
      wait = 0;
    } else if (++wait >= patience) {
      return { stopped: true, stopEpoch: epoch, bestEpoch, bestLoss };
    }
  }
  return { stopped: false, stopEpoch: valLosses.length - 1, bestEpoch, bestLoss };
}

/** A noisy U-shaped validation curve: falls, flattens, then rises (overfitting). */
function validationCurve(epochs: number, rng: { float(lo: number, hi: number): number }): number[] {
  const turn = Math.max(1, Math.floor(epochs * 0.6));
  return Array.from({ length: epochs }, (_, epoch) => {
    const trend = epoch <= turn ? 2 / (1 + epoch) : 2 / (1 + turn) + 0.05 * (epoch - turn);
    return trend + rng.float(-0.03, 0.03);
  });
}

export const earlyStoppingKernel: KernelSpec<Args, EarlyStoppingResult> = {
  id: "early-stopping",
  functionName: "earlyStopping",
  signature:
    "function earlyStopping(valLosses: number[], patience: number, minDelta: number): { stopped: boolean; stopEpoch: number; bestEpoch: number; bestLoss: number }",
  tolerance: { atol: 0, rtol: 0 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: earlyStopping,
  generate(kind, index, rng) {
    if (kind === "sample") {
      return index === 0 ? [[1.0, 0.8, 0.7, 0.72, 0.71, 0.75, 0.69], 2, 0] : [[0.9, 0.85, 0.849, 0.848, 0.7], 2, 0.01];
    }
    switch (index) {
      case 0:
        return [[0.5], 1, 0]; // a single epoch: nothing to stop
      case 1:
        return [[1, 1, 1, 1], 2, 0]; // ties never improve
      case 2:
        return [[3, 2, 1, 0.5, 0.25, 0.1], 1, 0]; // strictly improving: never stops
      case 3:
        return [[-1, -2, -1.5, -3, -2.5, -2.9, -2.8], 3, 0.05]; // negative losses are allowed
      default: {
        const losses = validationCurve(rng.int(5, 40), rng).map(round2);
        return [losses, rng.int(1, 6), rng.pick([0, 0.001, 0.01, 0.05])];
      }
    }
  },
  check(got, want) {
    return compareValues(got, want, { atol: 0, rtol: 0, exact: true });
  },
  starterCode: `function earlyStopping(
  valLosses: number[],
  patience: number,
  minDelta: number,
): { stopped: boolean; stopEpoch: number; bestEpoch: number; bestLoss: number } {
  // Walk the epochs (0-based). An epoch improves when its loss < bestLoss - minDelta; otherwise a wait
  // counter grows and training stops at the epoch where it reaches patience.
  return { stopped: false, stopEpoch: valLosses.length - 1, bestEpoch: 0, bestLoss: valLosses[0] };
}
`,
  solutionCode: `function earlyStopping(
  valLosses: number[],
  patience: number,
  minDelta: number,
): { stopped: boolean; stopEpoch: number; bestEpoch: number; bestLoss: number } {
  let best = Infinity;
  let bestEpoch = -1;
  let lastImprovement = -1;
  for (let e = 0; e < valLosses.length; e++) {
    if (valLosses[e] < best - minDelta) {
      best = valLosses[e];
      bestEpoch = e;
      lastImprovement = e;
    }
    if (e - lastImprovement >= patience) return { stopped: true, stopEpoch: e, bestEpoch, bestLoss: best };
  }
  return { stopped: false, stopEpoch: valLosses.length - 1, bestEpoch, bestLoss: best };
}
`,
};
