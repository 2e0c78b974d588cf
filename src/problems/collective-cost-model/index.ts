import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { collectiveCostKernel } from "./kernel.ts";
import { collectiveCostPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "collective-cost-model",
  kernel: collectiveCostKernel,
  python: collectiveCostPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "53051dbbc8dba90b0e051432a01df4bb8deebbfe60e3064e38a58e6cee4d2e6b",
  starterCommentsZh: {
    "List the α-β time of every algorithm that applies to this collective, pick the fastest,":
      "列出适用于该集合通信的每种算法的 α-β 时间，选出最快的，",
    "then report algbw = bytes / time and busbw = algbw × the collective's nccl-tests factor.":
      "再给出 algbw = bytes / time 和 busbw = algbw × 该集合通信在 nccl-tests 中的系数。",
    "List the alpha-beta time of every algorithm that applies to this collective, pick the fastest,":
      "列出适用于该集合通信的每种算法的 alpha-beta 时间，选出最快的，",
    "then report algbw = size / time and busbw = algbw * the collective's nccl-tests factor.":
      "再给出 algbw = size / time 和 busbw = algbw * 该集合通信在 nccl-tests 中的系数。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
