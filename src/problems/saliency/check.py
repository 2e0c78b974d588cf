"""Independent check of saliency: the forward pass, then ∂score/∂x[d] = Σ_h w2[h]·(1 − a_h²)·W1[h, d] by the
chain rule, and gradient × input."""

import math

import numpy as np


def saliency(x: np.ndarray, W1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: float) -> dict:
    hidden, inputs = W1.shape
    a = [math.tanh(math.fsum(W1[h, d] * x[d] for d in range(inputs)) + b1[h]) for h in range(hidden)]
    score = math.fsum(w2[h] * a[h] for h in range(hidden)) + b2
    gradient = np.array([math.fsum(w2[h] * (1.0 - a[h] * a[h]) * W1[h, d] for h in range(hidden))
                         for d in range(inputs)])
    return {"score": score, "gradient": gradient, "saliency": gradient * x}
