import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { smoteKernel } from "./kernel.ts";
import { smotePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "smote",
  kernel: smoteKernel,
  python: smotePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "ecadba903bab7ad162c3bc5c6d7c1c9aa7e7e83eef03a0a39eba69f4dbaa7444",
  starterCommentsZh: {
    "For each pick: find the k nearest other samples to samples[pick.base] (Euclidean; equal distances":
      "对每个 pick：找出离 samples[pick.base] 最近的 k 个其他样本（欧氏距离；距离相等时",
    "ordered by lower index), take the pick.neighbour-th of them (0-based) and return":
      "下标小的在前），取其中第 pick.neighbour 个（从 0 开始计）作为 neighbour，",
    "base + pick.gap * (neighbour - base).": "返回 base + pick.gap * (neighbour - base)。",
    'For each pick: find the k nearest other samples to samples[pick["base"]] (Euclidean; equal distances':
      '对每个 pick：找出离 samples[pick["base"]] 最近的 k 个其他样本（欧氏距离；距离相等时',
    'ordered by lower index), take the pick["neighbour"]-th of them (0-based) and return':
      '下标小的在前），取其中第 pick["neighbour"] 个（从 0 开始计）作为 neighbour，',
    'base + pick["gap"] * (neighbour - base). One row per pick.':
      '返回 base + pick["gap"] * (neighbour - base)。每个 pick 对应一行。',
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。不能用 imbalanced-learn 的 SMOTE 或 scikit-learn 的 NearestNeighbors。",
};
