import { flat, ndarray, reshaped } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";

const FORBIDDEN = ["matmul", "dot", "vdot", "einsum", "linalg", "tensordot", "inner"];

const solutionCode = `import numpy as np


def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    # One rank-1 update per column of a: c += a[:, p] ⊗ b[p, :], each a vectorised outer product.
    n, k = a.shape
    c = np.zeros((n, b.shape[1]))
    for p in range(k):
        c += a[:, p, None] * b[p, None, :]
    return c
`;

export const matmulPython: PythonForm = {
  kernelId: "matmul",
  functionName: "matmul",
  signature: "def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray",
  argKinds: ["ndarray2d", "ndarray2d"],
  // The kernel's flat row-major buffers with their sizes ⇄ two 2-D arrays; the product back to a flat buffer.
  adapter: {
    args: ([a, b, n, k, m]) => [
      ndarray(a as Float64Array, [n as number, k as number]),
      ndarray(b as Float64Array, [k as number, m as number]),
    ],
    result: flat,
    present: (c, [, , n, , m]) => reshaped(c, [n as number, m as number]),
  },
  forbiddenNames: FORBIDDEN,
  allowed:
    "Python 3 with numpy: element-wise arithmetic, broadcasting, sum and reshape are allowed; the @ operator, " +
    `${FORBIDDEN.map((name) => `np.${name}`).join(", ")} and ndarray.dot are not (they are the answer).`,
  starterCode: `import numpy as np


def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    # a is n×k and b is k×m. Return c = a·b, an n×m array: c[i, j] = Σ_p a[i, p] * b[p, j].
    # The @ operator, np.dot, np.matmul, np.einsum, np.linalg, np.tensordot and np.inner are not allowed.
    n, m = a.shape[0], b.shape[1]
    return np.zeros((n, m))
`,
  solutionCode,
};
