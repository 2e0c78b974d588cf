"""Independent check of gqa-kv-cache-attention, from the statement: plain loops over (query, head), the visible
keys 0 .. Sk - Sq + i, the KV head h // (Hq // Hkv), a log-sum-exp softmax and math.fsum for every sum."""

import math

import numpy as np


def gqa_kv_cache_attention(q: np.ndarray, k_cache: np.ndarray, v_cache: np.ndarray) -> np.ndarray:
    sq, hq, d = q.shape
    sk, hkv, _ = k_cache.shape
    per_group = hq // hkv
    out = np.zeros((sq, hq, d))
    for i in range(sq):
        position = sk - sq + i
        for h in range(hq):
            g = h // per_group
            scores = [math.fsum(q[i, h] * k_cache[t, g]) / math.sqrt(d) for t in range(position + 1)]
            top = max(scores)
            log_total = top + math.log(math.fsum(math.exp(s - top) for s in scores))
            weights = [math.exp(s - log_total) for s in scores]
            for c in range(d):
                out[i, h, c] = math.fsum(w * v_cache[t, g, c] for t, w in enumerate(weights))
    return out
