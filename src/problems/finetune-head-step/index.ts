import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { finetuneHeadStepKernel } from "./kernel.ts";
import { finetuneHeadStepPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "finetune-head-step",
  kernel: finetuneHeadStepKernel,
  python: finetuneHeadStepPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "c6bfdc1e7f2bb3ef16bd3e8881b014095896d1d6b790b4f61b6d4c97f6539555",
  starterCommentsZh: {
    "features (N×D) come from a frozen backbone; the head is logits = features·W + b with W D×C.":
      "features（N×D）来自冻结的 backbone；分类头为 logits = features·W + b，其中 W 为 D×C。",
    "loss = mean softmax cross-entropy against targets, computed BEFORE the update.":
      "loss = 相对 targets 的 softmax 交叉熵的均值，必须在更新之前计算。",
    "One SGD step: W - lr * dLoss/dW and b - lr * dLoss/db. Return new arrays (do not modify W or b).":
      "一步 SGD：W - lr * dLoss/dW 和 b - lr * dLoss/db。返回新数组（不要修改 W 或 b）。",
    'One SGD step: W - lr * dLoss/dW and b - lr * dLoss/db. Return new arrays {"W", "b", "loss"}.':
      '一步 SGD：W - lr * dLoss/dW 和 b - lr * dLoss/db。返回新数组 {"W", "b", "loss"}。',
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。可以用 @ 运算符；不能用训练库（torch）。",
};
