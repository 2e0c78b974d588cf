"""Independent check of linear-forward: Y[i, j] = b[j] + Σ_p X[i, p]·W[p, j], summed with math.fsum."""

import math

import numpy as np


def linear_forward(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    batch, features = X.shape
    outputs = W.shape[1]
    assert W.shape[0] == features and b.shape == (outputs,)
    Y = np.empty((batch, outputs))
    for i in range(batch):
        for j in range(outputs):
            Y[i, j] = math.fsum([b[j], *(X[i, p] * W[p, j] for p in range(features))])
    return Y
