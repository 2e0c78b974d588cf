import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { mlpForwardKernel } from "./kernel.ts";
import { mlpForwardPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "mlp-forward",
  kernel: mlpForwardKernel,
  python: mlpForwardPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "16d86f3bbda8504156b72f97f95c7ce1ccdad123627125ed50d5583c2a324f87",
  starterCommentsZh: {
    "Layer l: H_next = H · weights[l] + biases[l], where weights[l] is in_l × out_l.":
      "第 l 层：H_next = H · weights[l] + biases[l]，其中 weights[l] 是 in_l × out_l。",
    "Apply ReLU (max(0, v)) after every layer except the last one, which stays linear.":
      "除最后一层外，每层之后都施加 ReLU（max(0, v)）；最后一层保持线性。",
    "Return the last layer's output: X.length rows, one column per output unit.":
      "返回最后一层的输出：X.length 行，每个输出单元一列。",
    "Layer l: H_next = H · weights[l] + biases[l], where weights[l] is in_l × out_l (numpy arrays).":
      "第 l 层：H_next = H · weights[l] + biases[l]，其中 weights[l] 是 in_l × out_l（numpy 数组）。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。可以用 @ 运算符。",
};
