import type { PythonForm } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def gqa_kv_cache_attention(q: np.ndarray, k_cache: np.ndarray, v_cache: np.ndarray) -> np.ndarray:
    sq, hq, d = q.shape
    sk, hkv, _ = k_cache.shape
    group = hq // hkv
    k = np.repeat(k_cache, group, axis=1)  # (sk, hq, d): query head h reads KV head h // group
    v = np.repeat(v_cache, group, axis=1)
    scores = np.einsum("ihd,thd->hit", q, k) / np.sqrt(d)
    visible = np.arange(sk)[None, :] <= (sk - sq + np.arange(sq))[:, None]  # bottom-right causal
    scores = np.where(visible[None], scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=-1, keepdims=True)
    return np.einsum("hit,thd->ihd", weights, v)
`;

export const gqaKvCacheAttentionPython: PythonForm = {
  kernelId: "gqa-kv-cache-attention",
  functionName: "gqa_kv_cache_attention",
  signature:
    "def gqa_kv_cache_attention(q: np.ndarray, k_cache: np.ndarray, v_cache: np.ndarray) -> np.ndarray  # q (Sq, Hq, d); caches (Sk, Hkv, d); returns (Sq, Hq, d)",
  argKinds: ["ndarray3d", "ndarray3d", "ndarray3d"],
  forbiddenNames: ["scipy", "torch"],
  allowed: "Python 3 with numpy and math; no library attention or softmax (scipy, torch).",
  starterCode: `import numpy as np


def gqa_kv_cache_attention(q: np.ndarray, k_cache: np.ndarray, v_cache: np.ndarray) -> np.ndarray:
    # q is (Sq, Hq, d), the last Sq positions; k_cache and v_cache are (Sk, Hkv, d) with Sq <= Sk.
    # Query i is at absolute position Sk - Sq + i and sees keys 0 .. Sk - Sq + i (bottom-right causal alignment).
    # Query head h reads KV head h // (Hq // Hkv). Scores (q . k) / sqrt(d), softmax over the visible keys.
    return np.zeros_like(q)
`,
  solutionCode,
};
