"""Independent check of layer-norm: each row normalised with a two-pass mean and biased variance, the mean
taken with math.fsum so rows near 1e6 keep their digits."""

import math

import numpy as np


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    rows, d = x.shape
    y = np.empty_like(x)
    for i in range(rows):
        mean = math.fsum(x[i]) / d
        centred = x[i] - mean
        variance = math.fsum(centred * centred) / d
        y[i] = gamma * centred / math.sqrt(variance + eps) + beta
    return y
