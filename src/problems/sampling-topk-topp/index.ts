import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { samplingTopkToppKernel } from "./kernel.ts";
import { samplingTopkToppPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "sampling-topk-topp",
  kernel: samplingTopkToppKernel,
  python: samplingTopkToppPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "166ba58f99f95ce1d764bbe0205beddf04384e115a84faacd3f08ccde926b22d",
  starterCommentsZh: {
    "In order: repetition penalty on every token seen before, temperature (0 = greedy), top-k (ties kept),":
      "依次执行：对之前出现过的每个 token 施加重复惩罚，温度（0 = 贪心），top-k（并列的都保留），",
    "softmax, top-p (keep the token that crosses p), renormalise, then pick the first token id (ascending)":
      "softmax，top-p（保留使累计概率越过 p 的那个 token），重新归一化，然后按 token id 升序选出第一个",
    "whose cumulative probability exceeds u.": "累计概率超过 u 的 token id。",
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。不能用库里的采样器（torch、transformers 的 logits processor）。",
};
