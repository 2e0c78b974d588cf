import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { earlyStoppingKernel } from "./kernel.ts";
import { earlyStoppingPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "early-stopping",
  kernel: earlyStoppingKernel,
  python: earlyStoppingPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "adaf44dfb9e49bcd1ba12278430abe724b85499237152205ea006a37702eb1e8",
  starterCommentsZh: {
    "Walk the epochs (0-based). An epoch improves when its loss < bestLoss - minDelta; otherwise a wait":
      "依次遍历各 epoch（从 0 开始编号）。某个 epoch 的 loss < bestLoss - minDelta 时算作有改进；否则等待",
    "counter grows and training stops at the epoch where it reaches patience.":
      "计数器加一，并在计数器达到 patience 的那个 epoch 停止训练。",
    "Walk the epochs (0-based). An epoch improves when its loss < best_loss - min_delta; otherwise a wait":
      "依次遍历各 epoch（从 0 开始编号）。某个 epoch 的 loss < best_loss - min_delta 时算作有改进；否则等待",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
