import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { fgsmKernel } from "./kernel.ts";
import { fgsmPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "fgsm",
  kernel: fgsmKernel,
  python: fgsmPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "f1113a7386e9b302a465146a9a4cfd72ac5a99cd297fb4f38bb571fe26a35e58",
  starterCommentsZh: {
    "Classifier: p = sigmoid(w·x + b); loss = binary cross-entropy of p against label (0 or 1).":
      "分类器：p = sigmoid(w·x + b)；loss = p 相对 label（0 或 1）的二元交叉熵。",
    "gradient = dLoss/dx; adversarial[j] = clamp(x[j] + epsilon * sign(gradient[j]), clipMin, clipMax), sign(0) = 0.":
      "梯度 gradient = dLoss/dx；对抗样本 adversarial[j] = clamp(x[j] + epsilon * sign(gradient[j]), clipMin, clipMax)，其中 sign(0) = 0。",
    "gradient = dLoss/dx; adversarial[j] = clip(x[j] + epsilon * sign(gradient[j]), clip_min, clip_max), sign(0) = 0.":
      "梯度 gradient = dLoss/dx；对抗样本 adversarial[j] = clip(x[j] + epsilon * sign(gradient[j]), clip_min, clip_max)，其中 sign(0) = 0。",
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。可以用 @ 运算符；不能用自动微分库（torch）。",
};
