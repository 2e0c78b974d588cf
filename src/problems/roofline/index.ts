import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { rooflineKernel } from "./kernel.ts";
import { rooflinePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "roofline",
  kernel: rooflineKernel,
  python: rooflinePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "b88a5ddd3ef126155f1749d179d25ead3c00ebe3c98b2248532ab8af96eeaf54",
  starterCommentsZh: {
    "For each op: count its FLOPs and the bytes it must move, then place it on the roofline":
      "对每个算子：统计它的 FLOPs 和必须搬运的字节数，再把它放到 roofline 上",
    "(intensity vs the ridge peakFlops / memoryBandwidth) and take the slower of compute time and memory time.":
      "（算术强度与拐点 peakFlops / memoryBandwidth 比较），取计算时间和访存时间中较慢的那个。",
    "(intensity vs the ridge peak_flops / memory_bandwidth) and take the slower of compute and memory time.":
      "（算术强度与拐点 peak_flops / memory_bandwidth 比较），取计算时间和访存时间中较慢的那个。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
