import { requireFinite, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type LrScheduleConfig =
  | { kind: "constant"; baseLr: number; warmupSteps: number }
  | { kind: "step"; baseLr: number; warmupSteps: number; stepSize: number; gamma: number }
  | { kind: "cosine"; baseLr: number; warmupSteps: number; totalSteps: number; minLr: number };

type Args = [config: LrScheduleConfig, numSteps: number];

function validate(config: LrScheduleConfig): void {
  if (typeof config !== "object" || config === null) throw new KernelInputError("config must be an object");
  requireFinite(config.baseLr, "config.baseLr");
  if (config.baseLr <= 0) throw new KernelInputError(`config.baseLr must be > 0, got ${config.baseLr}`);
  requireInteger(config.warmupSteps, "config.warmupSteps", 0);
  if (config.kind === "step") {
    requireInteger(config.stepSize, "config.stepSize", 1);
    requireFinite(config.gamma, "config.gamma");
    if (config.gamma <= 0) throw new KernelInputError(`config.gamma must be > 0, got ${config.gamma}`);
  } else if (config.kind === "cosine") {
    requireInteger(config.totalSteps, "config.totalSteps", config.warmupSteps + 1);
    requireFinite(config.minLr, "config.minLr");
    if (config.minLr < 0 || config.minLr > config.baseLr) {
      throw new KernelInputError(`config.minLr must be in [0, baseLr], got ${config.minLr}`);
    }
  } else if (config.kind !== "constant") {
    throw new KernelInputError(`config.kind must be "constant", "step" or "cosine"`);
  }
}

/**
 * Learning rate at steps 0 … numSteps−1. Linear warm-up first: step t < W gets baseLr·(t+1)/W.
 * After it, with s = t − W: constant keeps baseLr; step decays to baseLr·gamma^⌊s/stepSize⌋; cosine
 * anneals minLr + (baseLr − minLr)·(1 + cos(π·s/D))/2 with D = totalSteps − W, and stays at minLr from
 * step totalSteps on.
 */
function lrSchedule(config: LrScheduleConfig, numSteps: number): number[] {
  validate(config);
  requireInteger(numSteps, "numSteps", 0, 1_000_000);
  const { baseLr, warmupSteps } = config;
  const rates = new Array<number>(numSteps);
  for (let t = 0; t < numSteps; t++) {
    if (t < warmupSteps) {
      rates[t] = (baseLr * (t + 1)) / warmupSteps;
      continue;
    }
    const s = t - warmupSteps;
    if (config.kind === "constant") rates[t] = baseLr;
    else if (config.kind === "step") rates[t] = baseLr * config.gamma ** Math.floor(s / config.stepSize);
    else {
      const decaySteps = config.totalSteps - warmupSteps;
      const progress = Math.min(s, decaySteps) / decaySteps;
      rates[t] = config.minLr + ((baseLr - config.minLr) * (1 + Math.cos(Math.PI * progress))) / 2;
    }
  }
  return rates;
}

function randomConfig(rng: Rng): LrScheduleConfig {
  const baseLr = rng.pick([0.1, 0.01, 3e-4, 1]);
  const warmupSteps = rng.pick([0, 0, 1, 5, 10]);
  const kind = rng.pick(["constant", "step", "cosine"] as const);
  if (kind === "constant") return { kind, baseLr, warmupSteps };
  if (kind === "step") return { kind, baseLr, warmupSteps, stepSize: rng.int(1, 10), gamma: rng.pick([0.1, 0.5, 0.9]) };
  return { kind, baseLr, warmupSteps, totalSteps: warmupSteps + rng.int(1, 40), minLr: rng.pick([0, baseLr / 100]) };
}

export const lrScheduleKernel: KernelSpec<Args, number[]> = {
  id: "lr-schedule",
  functionName: "lrSchedule",
  signature: `type LrScheduleConfig =
  | { kind: "constant"; baseLr: number; warmupSteps: number }
  | { kind: "step"; baseLr: number; warmupSteps: number; stepSize: number; gamma: number }
  | { kind: "cosine"; baseLr: number; warmupSteps: number; totalSteps: number; minLr: number };
function lrSchedule(config: LrScheduleConfig, numSteps: number): number[]`,
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 10, performance: 0 },
  reference: lrSchedule,
  generate(kind, index, rng) {
    if (kind === "sample") {
      return index === 0
        ? [{ kind: "step", baseLr: 0.1, warmupSteps: 2, stepSize: 3, gamma: 0.5 }, 10]
        : [{ kind: "cosine", baseLr: 1, warmupSteps: 0, totalSteps: 4, minLr: 0 }, 6];
    }
    switch (index) {
      case 0:
        return [{ kind: "constant", baseLr: 0.5, warmupSteps: 4 }, 8];
      case 1:
        return [{ kind: "cosine", baseLr: 0.1, warmupSteps: 3, totalSteps: 4, minLr: 0.01 }, 7]; // one decay step
      case 2:
        return [{ kind: "step", baseLr: 0.2, warmupSteps: 0, stepSize: 1, gamma: 0.5 }, 0]; // no steps at all
      case 3:
        // warm-up, then a cosine over 20 steps toward a non-zero minLr, then minLr
        return [{ kind: "cosine", baseLr: 0.1, warmupSteps: 5, totalSteps: 25, minLr: 0.004 }, 30];
      case 4:
        return [{ kind: "step", baseLr: 0.05, warmupSteps: 3, stepSize: 4, gamma: 0.5 }, 16]; // decay counts after warm-up
      default:
        return [randomConfig(rng), rng.int(1, 60)];
    }
  },
  starterCode: `type LrScheduleConfig =
  | { kind: "constant"; baseLr: number; warmupSteps: number }
  | { kind: "step"; baseLr: number; warmupSteps: number; stepSize: number; gamma: number }
  | { kind: "cosine"; baseLr: number; warmupSteps: number; totalSteps: number; minLr: number };

function lrSchedule(config: LrScheduleConfig, numSteps: number): number[] {
  // For every step t in 0..numSteps-1: linear warm-up baseLr * (t + 1) / warmupSteps while t < warmupSteps,
  // then the schedule of config.kind applied to s = t - warmupSteps.
  return new Array(numSteps).fill(config.baseLr);
}
`,
  solutionCode: `type LrScheduleConfig =
  | { kind: "constant"; baseLr: number; warmupSteps: number }
  | { kind: "step"; baseLr: number; warmupSteps: number; stepSize: number; gamma: number }
  | { kind: "cosine"; baseLr: number; warmupSteps: number; totalSteps: number; minLr: number };

function lrAt(config: LrScheduleConfig, t: number): number {
  if (t < config.warmupSteps) return (config.baseLr * (t + 1)) / config.warmupSteps;
  const s = t - config.warmupSteps;
  switch (config.kind) {
    case "constant":
      return config.baseLr;
    case "step":
      return config.baseLr * Math.pow(config.gamma, Math.floor(s / config.stepSize));
    case "cosine": {
      if (t >= config.totalSteps) return config.minLr;
      const span = config.totalSteps - config.warmupSteps;
      return config.minLr + 0.5 * (config.baseLr - config.minLr) * (1 + Math.cos((Math.PI * s) / span));
    }
  }
}

function lrSchedule(config: LrScheduleConfig, numSteps: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < numSteps; t++) out.push(lrAt(config, t));
  return out;
}
`,
};
