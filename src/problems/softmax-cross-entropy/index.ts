import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { softmaxCrossEntropyKernel } from "./kernel.ts";
import { softmaxCrossEntropyPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "softmax-cross-entropy",
  kernel: softmaxCrossEntropyKernel,
  python: softmaxCrossEntropyPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "a1b272caf477f08568ef4580274b21babed9a2e17776a31f05e742812e035f3b",
  starterCommentsZh: {
    "logits is N×C; targets[i] is the correct class of row i (an integer in [0, C)).":
      "logits 是 N×C；targets[i] 是第 i 行的正确类别（[0, C) 内的整数）。",
    "loss = mean over rows of -log(softmax(logits[i])[targets[i]]);":
      "loss = 各行 -log(softmax(logits[i])[targets[i]]) 的均值；",
    "grad[i][c] = (softmax(logits[i])[c] - (c === targets[i] ? 1 : 0)) / N.":
      "梯度 grad[i][c] = (softmax(logits[i])[c] - (c === targets[i] ? 1 : 0)) / N。",
    "Keep it stable for large logits.": "logits 很大时也要保持数值稳定。",
    "logits is N×C; targets[i] is the correct class of row i (an integer array).":
      "logits 是 N×C；targets[i] 是第 i 行的正确类别（targets 是整数数组）。",
    "grad[i, c] = (softmax(logits[i])[c] - (1 if c == targets[i] else 0)) / N. Keep it stable for large logits.":
      "梯度 grad[i, c] = (softmax(logits[i])[c] - (1 if c == targets[i] else 0)) / N。logits 很大时也要保持数值稳定。",
  },
  allowedZh: "Python 3 与 numpy、math；不能用库里的 softmax 或交叉熵（scipy.special、torch）。",
};
