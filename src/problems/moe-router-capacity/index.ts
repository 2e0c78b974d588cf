import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { routeTokensKernel } from "./kernel.ts";
import { routeTokensPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "moe-router-capacity",
  kernel: routeTokensKernel,
  python: routeTokensPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "0210fdbd1f0b95bc57a8a5376e76e79694475298dc0c2717e17f059abc17433f",
  starterCommentsZh: {
    "per token: kept experts, first choice first": "每个 token：保留的专家，第一选择在前",
    "per token: their gate weights, same order": "每个 token：对应的门控权重，顺序相同",
    "[token, expert] pairs, in the order they were refused": "[token, expert] 对，按被拒绝的先后顺序",
    "per expert: assignments kept": "每个专家：保留的分配数",
    "Softmax each row over all experts, take the k largest logits (ties: lower id), then admit assignments":
      "对每一行在所有专家上做 softmax，取最大的 k 个 logit（相同时取 id 较小者），然后按选择名次逐级接纳分配，",
    "choice rank by choice rank up to C = ceil(cf·T·k/E) per expert; auxLoss = α·E·Σ f_i·P_i.":
      "每个专家至多 C = ceil(cf·T·k/E) 个；auxLoss = α·E·Σ f_i·P_i。",
    "choice rank by choice rank up to C = ceil(cf*T*k/E) per expert; aux_loss = alpha*E*sum(f_i*P_i).":
      "每个专家至多 C = ceil(cf*T*k/E) 个；aux_loss = alpha*E*sum(f_i*P_i)。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
