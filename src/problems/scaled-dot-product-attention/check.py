"""Independent check of scaled-dot-product-attention: per query, the visible keys' scaled scores, their
log-sum-exp softmax, and the weighted sum of the visible values."""

import math

import numpy as np


def scaled_dot_product_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool) -> np.ndarray:
    seq_q, d_k = q.shape
    seq_k = k.shape[0]
    assert k.shape[1] == d_k and v.shape[0] == seq_k
    out = np.empty((seq_q, v.shape[1]))
    for i in range(seq_q):
        visible = min(i + 1, seq_k) if causal else seq_k
        scores = np.array([np.sum(q[i] * k[j]) for j in range(visible)]) / math.sqrt(d_k)
        top = scores.max()
        weights = np.exp(scores - (top + math.log(np.sum(np.exp(scores - top)))))
        out[i] = np.sum(weights[:, None] * v[:visible], axis=0)
    return out
