import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { saliencyKernel } from "./kernel.ts";
import { saliencyPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "saliency",
  kernel: saliencyKernel,
  python: saliencyPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "09535926e4953e27b0dd428e959f197683b96319c539551d2af79c21eb4f42d9",
  starterCommentsZh: {
    "Model: a = tanh(W1·x + b1) (W1 is H×D), score = w2·a + b2.":
      "模型：a = tanh(W1·x + b1)（W1 是 H×D），score = w2·a + b2。",
    "gradient[d] = ∂score/∂x[d] (back-propagate through tanh: d tanh(z)/dz = 1 - tanh(z)^2);":
      "gradient[d] = ∂score/∂x[d]（反向传播经过 tanh：d tanh(z)/dz = 1 - tanh(z)^2）；",
    "saliency[d] = gradient[d] * x[d].": "显著性 saliency[d] = gradient[d] * x[d]。",
    "gradient[d] = ∂score/∂x[d] (back-propagate through tanh: d tanh(z)/dz = 1 - tanh(z)²);":
      "gradient[d] = ∂score/∂x[d]（反向传播经过 tanh：d tanh(z)/dz = 1 - tanh(z)²）；",
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。可以用 @ 运算符；不能用自动微分库（torch）。",
};
