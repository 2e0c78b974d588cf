import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { speculativeDecodingVerifyKernel } from "./kernel.ts";
import { speculativeDecodingVerifyPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "speculative-decoding-verify",
  kernel: speculativeDecodingVerifyKernel,
  python: speculativeDecodingVerifyPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "865b201e712be68adac78600240258b958b535c46cda23b75853c5688c99f8cc",
  starterCommentsZh: {
    "Accept draft token i when uniforms[i] < min(1, p_i(d_i) / q_i(d_i)); at the first rejection draw from":
      "当 uniforms[i] < min(1, p_i(d_i) / q_i(d_i)) 时接受第 i 个草稿 token；第一次拒绝时用 r 从",
    "norm(max(0, p_i - q_i)) with r and stop; if all are accepted draw a bonus token from p_{k+1} with r.":
      "norm(max(0, p_i - q_i)) 中抽样并停止；若全部接受，则用 r 从 p_{k+1} 抽一个额外（bonus）token。",
    "acceptanceRates[i] = sum_x min(p_i(x), q_i(x)); expectedTokens = sum_{j=0..k} prod_{i<j} acceptanceRates[i].":
      "接受率 acceptanceRates[i] = sum_x min(p_i(x), q_i(x))；期望 token 数 expectedTokens = sum_{j=0..k} prod_{i<j} acceptanceRates[i]。",
    "draft_probs: k x V (q_i), target_probs: (k + 1) x V (p_i). Accept draft token i when":
      "draft_probs：k x V（q_i），target_probs：(k + 1) x V（p_i）。当",
    "uniforms[i] < min(1, p_i(d_i) / q_i(d_i)); at the first rejection draw from norm(max(0, p_i - q_i))":
      "uniforms[i] < min(1, p_i(d_i) / q_i(d_i)) 时接受第 i 个草稿 token；第一次拒绝时用 r 从 norm(max(0, p_i - q_i))",
    "with r and stop; if all are accepted draw a bonus token from p_{k+1} with r.":
      "中抽样并停止；若全部接受，则用 r 从 p_{k+1} 抽一个额外（bonus）token。",
    "acceptance_rates[i] = sum_x min(p_i(x), q_i(x)); expected_tokens = sum_{j=0..k} prod_{i<j} rates[i].":
      "接受率 acceptance_rates[i] = sum_x min(p_i(x), q_i(x))；期望 token 数 expected_tokens = sum_{j=0..k} prod_{i<j} rates[i]。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
