import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { moeAllToAllPlanKernel } from "./kernel.ts";
import { moeAllToAllPlanPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "moe-all-to-all-plan",
  kernel: moeAllToAllPlanKernel,
  python: moeAllToAllPlanPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "d6cc3919ca66f89d12b7a192f06a2acc707ce2830b8b160234661316f4811b44",
  starterCommentsZh: {
    "R × R: copies rank i sends to rank j": "R × R：rank i 发送给 rank j 的副本数",
    "R × R × L: on rank d, copies from source s for local expert l":
      "R × R × L：在 rank d 上，来自源 rank s、发给本地专家 l 的副本数",
    "per rank: order[p] = the copy at position p of the permuted buffer":
      "每个 rank：order[p] = 置换后缓冲区中位置 p 上的副本",
    "per rank: inverse[c] = the position of copy c": "每个 rank：inverse[c] = 副本 c 所在的位置",
    "per rank, per token: Σ_j weight × returned expert output": "每个 rank、每个 token：Σ_j weight × 返回的专家输出",
    "Rank r holds experts r·L … r·L + L − 1 (L = numExperts / numRanks). Copy t·k + j is token t's j-th choice.":
      "rank r 持有专家 r·L … r·L + L − 1（L = numExperts / numRanks）。副本 t·k + j 是 token t 的第 j 个选择。",
    "Sort each rank's copies stably by expert id, count what goes where, then route the outputs back.":
      "把每个 rank 的副本按专家 id 稳定排序，统计每份发往哪里，再把输出路由回来。",
    "Rank r holds experts r*L ... r*L + L - 1 (L = num_experts // num_ranks). Copy t*k + j is token t's j-th choice.":
      "rank r 持有专家 r*L ... r*L + L - 1（L = num_experts // num_ranks）。副本 t*k + j 是 token t 的第 j 个选择。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
