import type { PythonForm } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def lu_decompose(A: np.ndarray) -> dict:
    n = A.shape[0]
    U = A.astype(float).copy()
    L = np.zeros((n, n))
    perm = np.arange(n)
    for k in range(n):
        best = k + int(np.argmax(np.abs(U[k:, k])))
        U[[k, best]] = U[[best, k]]
        L[[k, best]] = L[[best, k]]
        perm[[k, best]] = perm[[best, k]]
        if U[k, k] == 0:
            continue
        factors = U[k + 1 :, k] / U[k, k]
        L[k + 1 :, k] = factors
        U[k + 1 :, k:] -= factors[:, None] * U[k, k:]
        U[k + 1 :, k] = 0.0
    L += np.eye(n)
    return {"P": np.eye(n)[perm], "L": L, "U": U}
`;

export const luDecomposePython: PythonForm = {
  kernelId: "lu-decompose",
  functionName: "lu_decompose",
  signature: 'def lu_decompose(A: np.ndarray) -> dict  # {"P": np.ndarray, "L": np.ndarray, "U": np.ndarray}',
  argKinds: ["ndarray2d"],
  forbiddenNames: ["linalg", "scipy"],
  allowed: "Python 3 with numpy (indexing, argmax, broadcasting); np.linalg and scipy.linalg.lu are not allowed.",
  starterCode: `import numpy as np


def lu_decompose(A: np.ndarray) -> dict:
    # Factor the square matrix A as P·A = L·U with partial pivoting: at column k pick the row (k or below)
    # with the largest |value| (topmost on ties) and swap it up, then eliminate below the pivot. If the
    # column is already all zero from k down, skip that step. L is unit lower-triangular, U upper-triangular,
    # P a permutation matrix (rows of the identity). Return {"P": P, "L": L, "U": U}.
    n = A.shape[0]
    return {"P": np.eye(n), "L": np.eye(n), "U": np.zeros((n, n))}
`,
  solutionCode,
};
