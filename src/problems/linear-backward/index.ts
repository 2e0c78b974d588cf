import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { linearBackwardKernel } from "./kernel.ts";
import { linearBackwardPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "linear-backward",
  kernel: linearBackwardKernel,
  python: linearBackwardPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "290b6fcb1dd188329f2c755bda2cd12941488daa850a4f75325cee8af4690843",
  starterCommentsZh: {
    "Forward: P = X·W + b (X batch×in, W in×out). Loss: mean of (P - Y)^2 over all batch×out entries.":
      "前向：P = X·W + b（X 为 batch×in，W 为 in×out）。损失：(P - Y)^2 在全部 batch×out 个元素上的均值。",
    "Backward: G = dLoss/dP, then dW = X^T·G (in×out), db = column sums of G, dX = G·W^T (batch×in).":
      "反向：G = dLoss/dP，然后 dW = X^T·G（in×out），db = G 的各列之和，dX = G·W^T（batch×in）。",
    "Forward: P = X·W + b (X batch×in, W in×out). Loss: mean of (P - Y)² over all batch×out entries.":
      "前向：P = X·W + b（X 为 batch×in，W 为 in×out）。损失：(P - Y)² 在全部 batch×out 个元素上的均值。",
    "Backward: G = dLoss/dP, then dW = Xᵀ·G (in×out), db = column sums of G, dX = G·Wᵀ (batch×in).":
      "反向：G = dLoss/dP，然后 dW = Xᵀ·G（in×out），db = G 的各列之和，dX = G·Wᵀ（batch×in）。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。可以用 @ 运算符。",
};
