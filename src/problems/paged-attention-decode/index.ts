import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { pagedAttentionDecodeKernel } from "./kernel.ts";
import { naive } from "./naive.ts";
import { pagedAttentionDecodePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "paged-attention-decode",
  kernel: pagedAttentionDecodeKernel,
  python: pagedAttentionDecodePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  naive,
  pinnedTestHash: "460223259320085bad854e40e383f7c06079575e62d74cc5650c6d3ef3826b1a",
  starterCommentsZh: {
    "query: numSeqs × numQueryHeads × headDim; keyCache/valueCache: numBlocks × blockSize × numKvHeads × headDim.":
      "query 的形状：numSeqs × numQueryHeads × headDim；keyCache/valueCache 的形状：numBlocks × blockSize × numKvHeads × headDim。",
    "Token t of sequence s: block blockTables[s][floor(t / blockSize)], slot t % blockSize; t < contextLens[s].":
      "序列 s 的 token t：位于块 blockTables[s][floor(t / blockSize)] 的槽位 t % blockSize；t < contextLens[s]。",
    "Query head h reads KV head floor(h / (numQueryHeads / numKvHeads)). Scores (q · k) / sqrt(headDim), softmax.":
      "查询头 h 读取 KV 头 floor(h / (numQueryHeads / numKvHeads))。分数为 (q · k) / sqrt(headDim)，再做 softmax。",
    "Return out: numSeqs × numQueryHeads × headDim, row-major. Performance is ranked.":
      "返回 out：numSeqs × numQueryHeads × headDim，行主序。按性能排名。",
    "query (S, Hq, d): one new token per sequence. key_cache, value_cache (num_blocks, block_size, Hkv, d).":
      "query (S, Hq, d)：每个序列一个新 token。key_cache、value_cache 的形状为 (num_blocks, block_size, Hkv, d)。",
    "Token t of sequence s: block block_tables[s, t // block_size], slot t % block_size; t < context_lens[s].":
      "序列 s 的 token t：位于块 block_tables[s, t // block_size] 的槽位 t % block_size；t < context_lens[s]。",
    "Query head h reads KV head h // (Hq // Hkv). Scores (q . k) / sqrt(d), softmax. Return (S, Hq, d).":
      "查询头 h 读取 KV 头 h // (Hq // Hkv)。分数为 (q . k) / sqrt(d)，再做 softmax。返回 (S, Hq, d)。",
  },
  allowedZh: "Python 3 与 numpy、math（包括 einsum 和 @）；不能用库里的注意力或 softmax（scipy、torch）。",
};
