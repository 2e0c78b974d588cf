import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { continuousBatchingKernel } from "./kernel.ts";
import { continuousBatchingPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "continuous-batching-scheduler",
  kernel: continuousBatchingKernel,
  python: continuousBatchingPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "60bdcaeeb5f0ac1dd22dbea23a754771c12166f69b05a231e4268caf32c4f4bc",
  starterCommentsZh: {
    "Each step: admit arrivals, schedule running decodes, then running prefill chunks, then waiting requests FCFS":
      "每一步：接纳新到达的请求，先调度运行中的 decode，再调度运行中的 prefill 分块，然后按 FCFS 调度等待中的请求，",
    "under maxNumSeqs, the token budget and the free KV blocks; out of KV, preempt the newest running request.":
      "均受 maxNumSeqs、token 预算和空闲 KV 块的约束；KV 块不够时，抢占最新的运行中请求。",
    "under max_num_seqs, the token budget and the free KV blocks; out of KV, preempt the newest running request.":
      "均受 max_num_seqs、token 预算和空闲 KV 块的约束；KV 块不够时，抢占最新的运行中请求。",
  },
  allowedZh: "Python 3（列表、字典、math 模块）；可以用 numpy，但逐步模拟用不到它。",
};
