import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { rocAucKernel } from "./kernel.ts";
import { rocAucPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "roc-auc",
  kernel: rocAucKernel,
  python: rocAucPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "007b8332eeee4d91fc9b720f7026ad430761155df441d29eb0720902281a9017",
  starterCommentsZh: {
    "The probability that a randomly chosen positive (label 1) scores higher than a randomly chosen":
      "随机抽取的一个正样本（标签 1）得分高于随机抽取的一个",
    "negative (label 0); a tie counts 1/2. Sorting by score gives O(n log n).":
      "负样本（标签 0）的概率；得分相同计 1/2。按得分排序可做到 O(n log n)。",
  },
  allowedZh: "Python 3 与 numpy（排序、argsort、cumsum）；不能用 scikit-learn 的 roc_auc_score 或 scipy.stats。",
};
