import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { checkpointIntervalKernel } from "./kernel.ts";
import { checkpointIntervalPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "checkpoint-interval",
  kernel: checkpointIntervalKernel,
  python: checkpointIntervalPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "a34247d30d865371bf98c611348a28b1b09156421c3f25d301ddadd25361c9ec",
  starterCommentsZh: {
    "The formulas first (Young, Daly, first-order waste), then walk the timeline: compute a segment,":
      "先算公式（Young、Daly、一阶浪费），再沿时间线推进：计算一段，",
    "checkpoint it, and on a failure lose the work since the last checkpoint and pay the restart.":
      "保存一次检查点；发生故障时，丢失自上一个检查点以来的工作，并付出重启时间。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
