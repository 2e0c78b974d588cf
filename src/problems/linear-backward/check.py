"""Independent check of linear-backward: the MSE of P = X·W + b and its gradients, derived element by element.

With N = batch·out entries and R = P − Y: loss = Σ R² / N, ∂loss/∂P = 2R / N, and the chain rule through
P[i, j] = b[j] + Σ_p X[i, p]·W[p, j] gives dW[p, j] = Σ_i X[i, p]·G[i, j], db[j] = Σ_i G[i, j] and
dX[i, p] = Σ_j G[i, j]·W[p, j].
"""

import numpy as np


def linear_backward(X: np.ndarray, W: np.ndarray, b: np.ndarray, Y: np.ndarray) -> dict:
    batch, features = X.shape
    outputs = W.shape[1]
    P = np.einsum("ip,pj->ij", X, W) + b[np.newaxis, :]
    R = P - Y
    N = batch * outputs
    G = 2.0 * R / N
    dW = np.einsum("ip,ij->pj", X, G)
    db = G.sum(axis=0)
    dX = np.einsum("ij,pj->ip", G, W)
    return {"loss": float(np.sum(R * R) / N), "dW": dW, "db": db, "dX": dX}
