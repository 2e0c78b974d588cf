import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { magnitudePruneKernel } from "./kernel.ts";
import { magnitudePrunePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "magnitude-prune",
  kernel: magnitudePruneKernel,
  python: magnitudePrunePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "17068f4d7c3f1e305b3de71c2e5210556584956f339d765ce46da0a1bfdaf9b1",
  starterCommentsZh: {
    "Zero the Math.floor(sparsity * weights.length) weights with the smallest absolute value (equal":
      "把绝对值最小的 Math.floor(sparsity * weights.length) 个权重置零（绝对值",
    "magnitudes: lower index first). mask[i] = 1 when weights[i] is kept, 0 when pruned.":
      "相同时索引小的优先）。weights[i] 被保留时 mask[i] = 1，被剪掉时为 0。",
    "Zero the floor(sparsity * len(weights)) weights with the smallest absolute value (equal magnitudes:":
      "把绝对值最小的 floor(sparsity * len(weights)) 个权重置零（绝对值相同时：",
    "lower index first). mask[i] = 1 where weights[i] is kept, 0 where pruned.":
      "索引小的优先）。weights[i] 被保留处 mask[i] = 1，被剪掉处为 0。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
