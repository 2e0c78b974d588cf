"""Independent check of matmul: each entry as the sum of a row of a times a column of b, accumulated in
extended precision (math.fsum), so it does not share the reference's summation order."""

import math

import numpy as np


def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    n, k = a.shape
    m = b.shape[1]
    assert b.shape[0] == k
    c = np.empty((n, m))
    for i in range(n):
        for j in range(m):
            # the k products rounded once each, then summed exactly (fsum): no shared summation order
            c[i, j] = math.fsum((a[i, :] * b[:, j]).tolist())
    return c
