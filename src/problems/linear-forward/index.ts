import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { linearForwardKernel } from "./kernel.ts";
import { linearForwardPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "linear-forward",
  kernel: linearForwardKernel,
  python: linearForwardPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "7402549b2445ca0b3b094a8601c9f4152c70f1897e2a7f80cc9e19c0e75806e1",
  starterCommentsZh: {
    "X is batch×in, W is in×out, b has length out.": "X 是 batch×in，W 是 in×out，b 的长度为 out。",
    "Return Y (batch×out) with Y[i][j] = b[j] + Σ_p X[i][p] * W[p][j].":
      "返回 Y（batch×out），其中 Y[i][j] = b[j] + Σ_p X[i][p] * W[p][j]。",
    "X is batch×in, W is in×out, b has length out. Return Y = X·W + b (batch×out).":
      "X 是 batch×in，W 是 in×out，b 的长度为 out。返回 Y = X·W + b（batch×out）。",
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。可以用 @ 运算符：要练的是这一层，不是矩阵乘法。",
};
