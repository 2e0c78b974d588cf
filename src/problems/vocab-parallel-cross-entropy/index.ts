import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { vocabParallelCrossEntropyKernel } from "./kernel.ts";
import { vocabParallelCrossEntropyPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "vocab-parallel-cross-entropy",
  kernel: vocabParallelCrossEntropyKernel,
  python: vocabParallelCrossEntropyPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "969c1bba960f7826f6a5dae36c5ed9ba513ae27fda20d420312399ff845dc091",
  starterCommentsZh: {
    "Rank r holds vocabulary ids [r*S, (r+1)*S). Three all-reduces: max, the target's shifted logit, the sum of exp.":
      "rank r 持有词表 id [r*S, (r+1)*S)。三次 all-reduce：最大值、目标 token 平移后的 logit、exp 之和。",
  },
  allowedZh: "Python 3 与 numpy、math；不能用 torch 或 scipy（它们的交叉熵和 logsumexp 是不分片地算）。",
};
