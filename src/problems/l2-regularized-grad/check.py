"""Independent check of l2-regularized-grad: residuals, the half mean squared error plus (λ/2)‖w‖², and its
gradients written per coordinate (the bias unregularised)."""

import math

import numpy as np


def l2_regularized_grad(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, lam: float) -> dict:
    n, d = X.shape
    r = [math.fsum(X[i, j] * w[j] for j in range(d)) + b - y[i] for i in range(n)]
    loss = math.fsum(v * v for v in r) / (2 * n) + lam / 2 * math.fsum(v * v for v in w)
    grad_w = np.array([math.fsum(X[i, j] * r[i] for i in range(n)) / n + lam * w[j] for j in range(d)])
    return {"loss": loss, "grad_w": grad_w, "grad_b": math.fsum(r) / n}
