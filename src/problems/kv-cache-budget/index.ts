import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { kvCacheBudgetKernel } from "./kernel.ts";
import { kvCacheBudgetPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "kv-cache-budget",
  kernel: kvCacheBudgetKernel,
  python: kvCacheBudgetPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "2192abb7aabc44ea661d60736481ed3f0ff222993f0d0cbb0874a39538e783fa",
  starterCommentsZh: {
    "Per GPU: the KV bytes one token takes in every layer, the whole blocks a sequence of seqLen tokens":
      "按每块 GPU 计算：一个 token 在全部层中占用的 KV 字节数，长度为 seqLen 个 token 的序列",
    "takes, how many blocks fit in the HBM left after this GPU's share of the weights, and how many":
      "占用的整块数，扣除本 GPU 分摊的权重后剩余的 HBM 能放下多少块，以及",
    "sequences those blocks hold.": "这些块能容纳多少个序列。",
    "config: layers, query_heads, kv_heads, head_dim, bytes_per_element, tensor_parallel, hbm_bytes,":
      "config 的字段：layers、query_heads、kv_heads、head_dim、bytes_per_element、tensor_parallel、hbm_bytes、",
    "memory_utilization_percent, weight_bytes, seq_len, block_size. Everything per GPU: the KV bytes one token takes":
      "memory_utilization_percent、weight_bytes、seq_len、block_size。全部按每块 GPU 计算：一个 token",
    "in every layer, the whole blocks a sequence of seq_len tokens takes, how many blocks fit in the HBM left":
      "在全部层中占用的 KV 字节数，长度为 seq_len 个 token 的序列占用的整块数，扣除本 GPU 分摊的权重后",
    "after this GPU's share of the weights, and how many sequences those blocks hold.":
      "剩余的 HBM 能放下多少块，以及这些块能容纳多少个序列。",
  },
  allowedZh: "Python 3 整数运算（//，向上取整用 -(-a // b)，以及 math 模块）；可以用 numpy，但用不着。",
};
