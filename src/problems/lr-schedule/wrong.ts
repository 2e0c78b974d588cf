import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { lrScheduleKernel } from "./kernel.ts";
import { lrSchedulePython } from "./python.ts";

const { solutionCode } = lrScheduleKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "cosine decay spans totalSteps instead of totalSteps − warmupSteps", [
    ["const span = config.totalSteps - config.warmupSteps;", "const span = config.totalSteps;"],
  ]),
  edited(solutionCode, "cosine without the minLr offset: decays toward 0, then jumps to minLr at totalSteps", [
    [
      "return config.minLr + 0.5 * (config.baseLr - config.minLr) * (1 + Math.cos((Math.PI * s) / span));",
      "return 0.5 * config.baseLr * (1 + Math.cos((Math.PI * s) / span));",
    ],
  ]),
  edited(solutionCode, "warm-up off by one: baseLr·t/W (step 0 gets 0)", [
    ["(config.baseLr * (t + 1)) / config.warmupSteps", "(config.baseLr * t) / config.warmupSteps"],
  ]),
  edited(solutionCode, "step decay counts from step 0 instead of the end of warm-up", [
    ["Math.floor(s / config.stepSize)", "Math.floor(t / config.stepSize)"],
  ]),
  edited(solutionCode, "cosine phase counts from step 0 instead of the end of warm-up", [
    ["(1 + Math.cos((Math.PI * s) / span))", "(1 + Math.cos((Math.PI * t) / span))"],
  ]),
];

const pythonSolution = lrSchedulePython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "warm-up starts at 0 (t / warmup_steps) instead of one step in", [
    ['config["base_lr"] * (t + 1) / config["warmup_steps"]', 'config["base_lr"] * t / config["warmup_steps"]'],
  ]),
  edited(pythonSolution, "warm-up overshoots: base_lr·(t + 2)/W", [
    ['config["base_lr"] * (t + 1) / config["warmup_steps"]', 'config["base_lr"] * (t + 2) / config["warmup_steps"]'],
  ]),
  edited(pythonSolution, "step decay counted from step 0, not from the end of warm-up", [
    ['config["gamma"] ** (s // config["step_size"])', 'config["gamma"] ** (t // config["step_size"])'],
  ]),
  edited(pythonSolution, "cosine span counted from step 0 (total_steps) instead of from the end of warm-up", [
    ['    span = config["total_steps"] - config["warmup_steps"]', '    span = config["total_steps"]'],
  ]),
  edited(pythonSolution, "cosine floor ignored: decays to 0 instead of min_lr", [
    ['return config["min_lr"] + 0.5 * (config["base_lr"] - config["min_lr"])', 'return 0.5 * config["base_lr"]'],
  ]),
];
