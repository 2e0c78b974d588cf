import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { zeroMemoryPlannerKernel } from "./kernel.ts";
import { zeroMemoryPlannerPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "zero-memory-planner",
  kernel: zeroMemoryPlannerKernel,
  python: zeroMemoryPlannerPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "a3daed7b2ae19247194202d251936bf499e1449aa03ae35a42becb819cc94ce2",
  starterCommentsZh: {
    "Model state: 2Ψ weights + 2Ψ gradients + 12Ψ optimizer state, split over t·p and sharded by the ZeRO stage over d.":
      "模型状态：2Ψ 权重 + 2Ψ 梯度 + 12Ψ 优化器状态，先在 t·p 上切分，再按 ZeRO stage 在 d 上分片。",
    "Activations: the per-layer formula of Korthikanti et al. for the first pipeline stage's in-flight micro-batches.":
      "激活：用 Korthikanti 等人的逐层公式，计算第一个流水线 stage 上在途 micro-batch 的激活。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
