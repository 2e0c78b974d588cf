import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { flashAttentionForwardKernel } from "./kernel.ts";
import { naive } from "./naive.ts";
import { flashAttentionForwardPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "flash-attention-forward",
  kernel: flashAttentionForwardKernel,
  python: flashAttentionForwardPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  naive,
  pinnedTestHash: "febe7a27a98dc262d7ab1f993ed89df38313f674b7e80fa43a35f04806f7f6dc",
  starterCommentsZh: {
    "q, k, v: n × d row-major. Scores s = q·k / sqrt(d), no mask. Work in tiles of br query rows × bc keys;":
      "q、k、v：n × d，行主序。分数 s = q·k / sqrt(d)，不加掩码。按 br 个查询行 × bc 个键分块计算；",
    "never build the n × n score matrix (the memory limit forbids it at the performance size).":
      "不要构建 n × n 的分数矩阵（在性能测试的规模下，内存上限不允许这样做）。",
    "Keep per row a running max m, a normaliser l = Σ exp(s - m) and an output accumulator; rescale both by":
      "每行维护一个运行最大值 m、一个归一化因子 l = Σ exp(s - m) 和一个输出累加器；最大值变大时，",
    "exp(m_old - m_new) when the max grows. After key tile j write m[j * n + i] and l[j * n + i].":
      "将 l 和累加器都乘以 exp(m_old - m_new) 重新缩放。处理完第 j 个键分块后写入 m[j * n + i] 和 l[j * n + i]。",
    "out = acc / l, lse = m + log(l).": "最后：out = acc / l，lse = m + log(l)。",
    "q, k, v are (n, d). Scores s = q . k / sqrt(d), no mask. Work in tiles of br query rows x bc keys;":
      "q、k、v 的形状为 (n, d)。分数 s = q . k / sqrt(d)，不加掩码。按 br 个查询行 x bc 个键分块计算；",
    "never build the (n, n) score matrix (the memory limit forbids it at the largest test).":
      "不要构建 (n, n) 的分数矩阵（在最大的测试上，内存上限不允许这样做）。",
    "Keep per row a running max m, a normaliser l = sum(exp(s - m)) and an output accumulator; rescale both by":
      "每行维护一个运行最大值 m、一个归一化因子 l = sum(exp(s - m)) 和一个输出累加器；最大值变大时，",
    "exp(m_old - m_new) when the max grows. After key tile j store m[j, i] and l[j, i].":
      "将 l 和累加器都乘以 exp(m_old - m_new) 重新缩放。处理完第 j 个键分块后存入 m[j, i] 和 l[j, i]。",
    'out = acc / l, lse = m + log(l). Return {"out": out, "lse": lse, "m": m, "l": l}.':
      '最后：out = acc / l，lse = m + log(l)。返回 {"out": out, "lse": lse, "m": m, "l": l}。',
  },
  allowedZh:
    "Python 3 与 numpy、math（包括 @ 和 einsum）；不能用库里的注意力或 softmax（scipy、torch）。在最大的测试上，内存限制放不下 n × n 的数组。",
};
