"""Independent check of scaled-dot-product-attention: per query, the visible keys' scaled scores, their
log-sum-exp softmax, and the weighted sum of the visible values."""

import math

import numpy as np


def scaled_dot_product_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: str) -> np.ndarray:
    seq_q, d_k = q.shape
    seq_k = k.shape[0]
    assert k.shape[1] == d_k and v.shape[0] == seq_k
    out = np.empty((seq_q, v.shape[1]))
    for i in range(seq_q):
        # keys visible to query i: all, the first i + 1 (top-left), or up to its own position when the
        # queries are the last seq_q of the seq_k positions (bottom-right)
        visible = {"none": seq_k, "top-left": min(i + 1, seq_k), "bottom-right": i + 1 + seq_k - seq_q}[mask]
        scores = np.array([np.sum(q[i] * k[j]) for j in range(visible)]) / math.sqrt(d_k)
        top = scores.max()
        weights = np.exp(scores - (top + math.log(np.sum(np.exp(scores - top)))))
        out[i] = np.sum(weights[:, None] * v[:visible], axis=0)
    return out
