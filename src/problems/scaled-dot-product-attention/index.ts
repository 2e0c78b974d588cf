import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { scaledDotProductAttentionKernel } from "./kernel.ts";
import { naive } from "./naive.ts";
import { scaledDotProductAttentionPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "scaled-dot-product-attention",
  kernel: scaledDotProductAttentionKernel,
  python: scaledDotProductAttentionPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  naive,
  pinnedTestHash: "161f83b0d92813472fdd5d2932ba0ebe9cc849490a288ad10b9755e834bbc249",
  starterCommentsZh: {
    "q is seqQ×dK, k is seqK×dK, v is seqK×dV, all row-major.":
      "q 是 seqQ×dK，k 是 seqK×dK，v 是 seqK×dV，均按行优先存储。",
    'scores[i][j] = (q_i · k_j) / sqrt(dK). mask "top-left": query i sees keys j <= i;':
      'scores[i][j] = (q_i · k_j) / sqrt(dK)。mask 为 "top-left" 时：query i 能看到 j <= i 的 key；',
    '"bottom-right": query i sees keys j <= i + seqK - seqQ (the queries are the last seqQ positions).':
      '为 "bottom-right" 时：query i 能看到 j <= i + seqK - seqQ 的 key（query 是最后 seqQ 个位置）。',
    "weights = softmax of each score row (stable!); out (seqQ×dV, row-major) = weights · v.":
      "weights = 对 scores 每一行做 softmax（要数值稳定！）；out（seqQ×dV，行优先）= weights · v。",
    "Performance is ranked.": "按性能排名。",
    "q is seq_q×d_k, k is seq_k×d_k, v is seq_k×d_v.": "q 是 seq_q×d_k，k 是 seq_k×d_k，v 是 seq_k×d_v。",
    'scores[i, j] = (q_i · k_j) / sqrt(d_k). mask "top-left": query i sees keys j <= i;':
      'scores[i, j] = (q_i · k_j) / sqrt(d_k)。mask 为 "top-left" 时：query i 能看到 j <= i 的 key；',
    '"bottom-right": query i sees keys j <= i + seq_k - seq_q (the queries are the last seq_q positions).':
      '为 "bottom-right" 时：query i 能看到 j <= i + seq_k - seq_q 的 key（query 是最后 seq_q 个位置）。',
    "weights = softmax of each score row (stable!); return weights · v (seq_q×d_v). Performance is ranked.":
      "weights = 对 scores 每一行做 softmax（要数值稳定！）；返回 weights · v（seq_q×d_v）。按性能排名。",
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。可以用 @ 运算符；不能用库里的注意力或 softmax（torch、scipy）。",
};
