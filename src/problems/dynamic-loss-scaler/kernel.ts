import { requireArray, requireFinite, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

/** The largest finite IEEE half-precision value, (2 − 2⁻¹⁰)·2¹⁵. */
export const FP16_MAX = 65504;

export type ScalerConfig = { initScale: number; growthFactor: number; backoffFactor: number; growthInterval: number };
export type ScalerTrace = { scales: number[]; skipped: boolean[]; finalScale: number; stepsTaken: number };

type Args = [config: ScalerConfig, gradMaxAbs: number[]];

function validate(config: ScalerConfig, gradMaxAbs: number[]): void {
  if (typeof config !== "object" || config === null) throw new KernelInputError("config must be an object");
  requireFinite(config.initScale, "config.initScale");
  if (config.initScale <= 0) throw new KernelInputError("config.initScale must be > 0");
  requireFinite(config.growthFactor, "config.growthFactor");
  if (config.growthFactor <= 1) throw new KernelInputError("config.growthFactor must be > 1");
  requireFinite(config.backoffFactor, "config.backoffFactor");
  if (!(config.backoffFactor > 0 && config.backoffFactor < 1)) {
    throw new KernelInputError("config.backoffFactor must be in (0, 1)");
  }
  requireInteger(config.growthInterval, "config.growthInterval", 1);
  requireArray(gradMaxAbs, "gradMaxAbs");
  for (let i = 0; i < gradMaxAbs.length; i++) {
    const value = gradMaxAbs[i];
    // NaN and +Infinity are legal: a backward pass that already overflowed or produced NaN.
    if (typeof value !== "number" || value < 0 || value === Number.NEGATIVE_INFINITY) {
      throw new KernelInputError(`gradMaxAbs[${i}] must be a number ≥ 0, +Infinity or NaN`);
    }
  }
}

/**
 * torch.amp.GradScaler's dynamic loss scaling, step by step: with scale S, step t's FP16 gradients overflow when
 * the true max |g| is NaN or infinite or max|g|·S > 65504. Overflow: skip the step, S ·= backoff, reset the count of
 * clean steps. Otherwise: take the step, count it, and after growthInterval clean steps in a row S ·= growth.
 */
export function dynamicLossScaler(config: ScalerConfig, gradMaxAbs: number[]): ScalerTrace {
  validate(config, gradMaxAbs);
  let scale = config.initScale;
  let cleanInARow = 0;
  const scales: number[] = [];
  const skipped: boolean[] = [];
  for (const maxAbs of gradMaxAbs) {
    scales.push(scale);
    const overflow = !Number.isFinite(maxAbs) || maxAbs * scale > FP16_MAX;
    skipped.push(overflow);
    if (overflow) {
      scale *= config.backoffFactor;
      cleanInARow = 0;
    } else {
      cleanInARow += 1;
      if (cleanInARow === config.growthInterval) {
        scale *= config.growthFactor;
        cleanInARow = 0;
      }
    }
  }
  return { scales, skipped, finalScale: scale, stepsTaken: skipped.filter((s) => !s).length };
}

const TORCH_DEFAULTS: ScalerConfig = { initScale: 65536, growthFactor: 2, backoffFactor: 0.5, growthInterval: 2000 };

/** A training run's gradient maxima: mostly calm, with spikes and the odd NaN/inf step. */
function randomRun(rng: Rng, length: number): number[] {
  const base = 2 ** rng.int(-14, -2);
  return Array.from({ length }, () => {
    const roll = rng.unit();
    if (roll < 0.04) return Number.POSITIVE_INFINITY;
    if (roll < 0.07) return Number.NaN;
    if (roll < 0.1) return 0;
    if (roll < 0.25) return base * 2 ** rng.float(2, 10); // a spike
    return base * 2 ** rng.float(-4, 1);
  });
}

export const dynamicLossScalerKernel: KernelSpec<Args, ScalerTrace> = {
  id: "dynamic-loss-scaler",
  functionName: "dynamicLossScaler",
  signature: `type ScalerConfig = { initScale: number; growthFactor: number; backoffFactor: number; growthInterval: number };
function dynamicLossScaler(config: ScalerConfig, gradMaxAbs: number[]):
  { scales: number[]; skipped: boolean[]; finalScale: number; stepsTaken: number }`,
  tolerance: { atol: 0, rtol: 1e-12 },
  testCounts: { sample: 2, hidden: 14, performance: 0 },
  reference: dynamicLossScaler,
  generate(kind, index, rng) {
    const small: ScalerConfig = { initScale: 1024, growthFactor: 2, backoffFactor: 0.5, growthInterval: 3 };
    if (kind === "sample") {
      // 100·1024 overflows; 0.5·512 = 256 is fine; three clean steps double 512 to 1024.
      if (index === 0) return [small, [100, 0.5, 0.5, 0.5, 0.5, Number.POSITIVE_INFINITY, 0.25]];
      return [TORCH_DEFAULTS, [1e-3, 2, 1.5, 0.5, Number.NaN, 0.01]];
    }
    switch (index) {
      case 0:
        // Exactly the largest FP16 after scaling (64·1023.5 = 65504) does not overflow; the next value up does.
        return [{ ...small, initScale: 64, growthInterval: 100 }, [1023.5, 1023.5 + 2 ** -20, 1023.5]];
      case 1:
        // Between 65504 and 65536: an overflow for the FP16 maximum, not for 2^16.
        return [{ ...small, initScale: 64, growthInterval: 100 }, [1023.75, 1023.75, 1000]];
      case 2:
        // NaN gradients: every comparison with NaN is false, so max·S > 65504 alone misses it.
        return [small, [Number.NaN, 1, Number.NaN, 1, 1, 1]];
      case 3:
        // Clean steps interrupted by an overflow: the count restarts from zero.
        return [small, [1, 1, 1000, 1, 1, 1, 1, 1]];
      case 4:
        // growthInterval 1: grow after every clean step; growth resets the count each time.
        return [{ ...small, growthInterval: 1 }, [0.001, 0.001, 0.001, 0.001, 50, 0.001]];
      case 5:
        // Long calm run: grows every growthInterval steps, not every step after the first growth.
        return [{ ...small, initScale: 1, growthInterval: 4 }, Array.from({ length: 20 }, () => 0.01)];
      case 6:
        // Zero gradients never overflow.
        return [{ ...small, growthInterval: 2 }, [0, 0, 0, 0, 0]];
      case 7:
        return [TORCH_DEFAULTS, []];
      case 8:
        // Non-default factors: backoff 0.25, growth 4 (every number stays a power of two).
        return [
          { initScale: 2 ** 20, growthFactor: 4, backoffFactor: 0.25, growthInterval: 2 },
          [1, 1, 0.01, 0.01, 0.01, Number.POSITIVE_INFINITY, 0.01],
        ];
      case 9:
        // Several overflows in a row: the scale keeps halving until the gradients fit.
        return [{ ...small, initScale: 2 ** 24 }, [30, 30, 30, 30, 30, 30, 30, 30, 30, 30]];
      default: {
        const config: ScalerConfig = {
          initScale: 2 ** rng.int(0, 24),
          growthFactor: rng.pick([2, 2, 1.5, 4]),
          backoffFactor: rng.pick([0.5, 0.5, 0.25, 0.8]),
          growthInterval: rng.int(1, 12),
        };
        return [config, randomRun(rng, rng.int(1, 100))];
      }
    }
  },
  starterCode: `type ScalerConfig = { initScale: number; growthFactor: number; backoffFactor: number; growthInterval: number };

function dynamicLossScaler(config: ScalerConfig, gradMaxAbs: number[]):
  { scales: number[]; skipped: boolean[]; finalScale: number; stepsTaken: number } {
  // For every step: does max|g| · scale overflow FP16 (or is it NaN / infinite)? Then skip and back off;
  // otherwise step, and grow the scale after growthInterval clean steps in a row.
  return { scales: [], skipped: [], finalScale: config.initScale, stepsTaken: 0 };
}
`,
  solutionCode: `type ScalerConfig = { initScale: number; growthFactor: number; backoffFactor: number; growthInterval: number };

const FP16_MAX = 65504;

function dynamicLossScaler(config: ScalerConfig, gradMaxAbs: number[]):
  { scales: number[]; skipped: boolean[]; finalScale: number; stepsTaken: number } {
  let scale = config.initScale;
  let growthTracker = 0;
  const scales: number[] = [];
  const skipped: boolean[] = [];
  let stepsTaken = 0;
  for (const maxAbs of gradMaxAbs) {
    scales.push(scale);
    const foundInf = !Number.isFinite(maxAbs) || maxAbs * scale > FP16_MAX;
    skipped.push(foundInf);
    if (foundInf) {
      scale *= config.backoffFactor;
      growthTracker = 0;
      continue;
    }
    stepsTaken += 1;
    growthTracker += 1;
    if (growthTracker === config.growthInterval) {
      scale *= config.growthFactor;
      growthTracker = 0;
    }
  }
  return { scales, skipped, finalScale: scale, stepsTaken };
}
`,
};
