"""Independent check of lu-decompose: Doolittle elimination with partial pivoting on a row-permutation
vector (topmost row on ties, all-zero columns skipped), P built from the permutation at the end."""

import numpy as np


def lu_decompose(A: np.ndarray) -> dict:
    n = A.shape[0]
    assert A.shape == (n, n)
    U = A.astype(np.float64).copy()
    L = np.zeros((n, n))
    order = list(range(n))
    for k in range(n):
        magnitudes = [abs(U[r, k]) for r in range(k, n)]
        largest = max(magnitudes)
        pivot = k + magnitudes.index(largest)  # the first (topmost) row of the largest magnitude
        if pivot != k:
            U[[k, pivot]] = U[[pivot, k]]
            L[[k, pivot], :k] = L[[pivot, k], :k]
            order[k], order[pivot] = order[pivot], order[k]
        if largest == 0:
            continue
        for r in range(k + 1, n):
            factor = U[r, k] / U[k, k]
            L[r, k] = factor
            U[r, k:] = U[r, k:] - factor * U[k, k:]
            U[r, k] = 0.0
    L += np.eye(n)
    P = np.zeros((n, n))
    for row, source in enumerate(order):
        P[row, source] = 1.0
    return {"P": P, "L": L, "U": U}
