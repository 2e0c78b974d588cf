import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { distillationLossKernel } from "./kernel.ts";
import { distillationLossPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "distillation-loss",
  kernel: distillationLossKernel,
  python: distillationLossPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "2458febb7efb27d6d5fb14d0aa98b02f908c06bbc8b152e0b4bf12d4a7e7549e",
  starterCommentsZh: {
    "softLoss = T^2 * mean over rows of KL(softmax(teacher / T) || softmax(student / T));":
      "softLoss = T^2 * 各行 KL(softmax(teacher / T) || softmax(student / T)) 的均值；",
    "hardLoss = mean over rows of -log softmax(student)[label]; loss = alpha * softLoss + (1 - alpha) * hardLoss.":
      "hardLoss = 各行 -log softmax(student)[label] 的均值；loss = alpha * softLoss + (1 - alpha) * hardLoss。",
    "Use a numerically stable log-softmax.": "使用数值稳定的 log-softmax。",
    "soft_loss = T² * mean over rows of KL(softmax(teacher / T) || softmax(student / T));":
      "soft_loss = T² * 各行 KL(softmax(teacher / T) || softmax(student / T)) 的均值；",
    "hard_loss = mean over rows of -log softmax(student)[label]; loss = alpha * soft_loss + (1 - alpha) * hard_loss.":
      "hard_loss = 各行 -log softmax(student)[label] 的均值；loss = alpha * soft_loss + (1 - alpha) * hard_loss。",
  },
  allowedZh: "Python 3 与 numpy、math；不能用库里的 softmax、log-softmax 或 KL 散度（scipy、torch）。",
};
