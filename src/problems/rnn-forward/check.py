"""Independent check of rnn-forward: an Elman RNN written out per hidden unit, with a new state vector built
from the previous one at every step, then a sigmoid head."""

import math

import numpy as np


def rnn_forward(xs: np.ndarray, Wx: np.ndarray, Wh: np.ndarray, bh: np.ndarray, w_out: np.ndarray, b_out: float) -> float:
    steps, features = xs.shape
    hidden = bh.shape[0]
    assert Wx.shape == (hidden, features) and Wh.shape == (hidden, hidden) and w_out.shape == (hidden,)
    h = [0.0] * hidden
    for t in range(steps):
        h = [
            math.tanh(
                math.fsum(Wx[u, d] * xs[t, d] for d in range(features))
                + math.fsum(Wh[u, v] * h[v] for v in range(hidden))
                + bh[u]
            )
            for u in range(hidden)
        ]
    z = math.fsum(w_out[u] * h[u] for u in range(hidden)) + b_out
    # sigmoid without overflow for large |z|
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
