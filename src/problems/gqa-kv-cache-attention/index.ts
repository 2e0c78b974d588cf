import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { gqaKvCacheAttentionKernel } from "./kernel.ts";
import { gqaKvCacheAttentionPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "gqa-kv-cache-attention",
  kernel: gqaKvCacheAttentionKernel,
  python: gqaKvCacheAttentionPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "3d4390c909bf37599d961ae1881934dd4e748a5474dd1599999a9b2da2901ac2",
  starterCommentsZh: {
    "q is Sq × Hq × d (the last Sq positions), kCache and vCache are Sk × Hkv × d with Sq ≤ Sk.":
      "q 是 Sq × Hq × d（最后 Sq 个位置），kCache 和 vCache 是 Sk × Hkv × d，且 Sq ≤ Sk。",
    "Query i is at absolute position Sk - Sq + i and sees keys 0 … Sk - Sq + i (bottom-right causal alignment).":
      "查询 i 位于绝对位置 Sk - Sq + i，能看到键 0 … Sk - Sq + i（因果掩码按右下角对齐）。",
    "Query head h reads KV head floor(h / (Hq / Hkv)). Scores (q · k) / sqrt(d), softmax over the visible keys.":
      "查询头 h 读取 KV 头 floor(h / (Hq / Hkv))。分数为 (q · k) / sqrt(d)，在可见的键上做 softmax。",
    "q is (Sq, Hq, d), the last Sq positions; k_cache and v_cache are (Sk, Hkv, d) with Sq <= Sk.":
      "q 的形状是 (Sq, Hq, d)，对应最后 Sq 个位置；k_cache 和 v_cache 的形状是 (Sk, Hkv, d)，且 Sq <= Sk。",
    "Query i is at absolute position Sk - Sq + i and sees keys 0 .. Sk - Sq + i (bottom-right causal alignment).":
      "查询 i 位于绝对位置 Sk - Sq + i，能看到键 0 .. Sk - Sq + i（因果掩码按右下角对齐）。",
    "Query head h reads KV head h // (Hq // Hkv). Scores (q . k) / sqrt(d), softmax over the visible keys.":
      "查询头 h 读取 KV 头 h // (Hq // Hkv)。分数为 (q . k) / sqrt(d)，在可见的键上做 softmax。",
  },
  allowedZh: "Python 3 与 numpy、math；不能用库里的注意力或 softmax（scipy、torch）。",
};
