import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { lrScheduleKernel } from "./kernel.ts";
import { lrSchedulePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "lr-schedule",
  kernel: lrScheduleKernel,
  python: lrSchedulePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "b04c7a4403c799fb2f6b2d91327d14372cb2d9fea2aee3436496e362748688ee",
  starterCommentsZh: {
    "For every step t in 0..numSteps-1: linear warm-up baseLr * (t + 1) / warmupSteps while t < warmupSteps,":
      "对 0..numSteps-1 中的每一步 t：当 t < warmupSteps 时线性预热，取 baseLr * (t + 1) / warmupSteps，",
    "then the schedule of config.kind applied to s = t - warmupSteps.":
      "之后对 s = t - warmupSteps 应用 config.kind 指定的调度。",
    "For every step t in 0..num_steps-1: linear warm-up base_lr * (t + 1) / warmup_steps while":
      "对 0..num_steps-1 中的每一步 t：当 t < warmup_steps 时线性预热，取 base_lr * (t + 1) / warmup_steps，",
    't < warmup_steps, then the schedule of config["kind"] applied to s = t - warmup_steps.':
      '之后对 s = t - warmup_steps 应用 config["kind"] 指定的调度。',
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
