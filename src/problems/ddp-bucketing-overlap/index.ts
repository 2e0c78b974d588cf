import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { ddpOverlapKernel } from "./kernel.ts";
import { ddpOverlapPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "ddp-bucketing-overlap",
  kernel: ddpOverlapKernel,
  python: ddpOverlapPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "017a224508fd853583a90ec149c0d64593bd7fb73d750a901902e55cc05a82ba",
  starterCommentsZh: {
    "parameter indices per bucket, bucket 0 reduced first": "每个桶的参数下标，桶 0 最先归约",
    "per bucket: when its last gradient is ready": "每个桶：其最后一个梯度就绪的时刻",
    "per bucket: all-reduce start": "每个桶：all-reduce 开始时刻",
    "per bucket: all-reduce end": "每个桶：all-reduce 结束时刻",
    "the last gradient's ready time": "最后一个梯度的就绪时刻",
    "the last all-reduce's end": "最后一次 all-reduce 的结束时刻",
    "commEnd − backwardEnd": "commEnd − backwardEnd（未被反向计算掩盖的通信时间）",
    "Bucket the parameters from the last registered to the first, then run one ring all-reduce per bucket,":
      "从最后注册的参数到最先注册的参数依次分桶，然后每个桶做一次 ring all-reduce，",
    "in bucket order on one stream, each starting once its gradients are ready and the stream is free.":
      "按桶的顺序在同一个 stream 上执行，每次在该桶的梯度全部就绪且 stream 空闲时开始。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
