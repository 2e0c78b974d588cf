"""Independent check of rmsnorm-fused-residual, from the statement: each row's stream h = x + residual, its root
mean square from math.fsum of the squares (exactly rounded), out_j = gamma_j * h_j / sqrt(ms + eps)."""

import math

import numpy as np


def rmsnorm_fused_residual(x: np.ndarray, residual: np.ndarray, gamma: np.ndarray, eps: float) -> dict:
    rows, d = x.shape
    stream = np.empty((rows, d))
    out = np.empty((rows, d))
    for i in range(rows):
        h = [float(a) + float(b) for a, b in zip(x[i], residual[i])]
        mean_square = math.fsum(v * v for v in h) / d
        root = math.sqrt(mean_square + eps)
        stream[i] = h
        out[i] = [g * v / root for g, v in zip(gamma, h)]
    return {"out": out, "residual": stream}
