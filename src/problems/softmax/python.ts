import type { PythonForm } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    shifted = x - x.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)
`;

export const softmaxPython: PythonForm = {
  kernelId: "softmax",
  functionName: "softmax",
  signature: "def softmax(x: np.ndarray) -> np.ndarray",
  argKinds: ["ndarray2d"],
  forbiddenNames: ["scipy", "torch"],
  allowed: "Python 3 with numpy (np.exp, max, sum, broadcasting); no library softmax (scipy.special.softmax, torch).",
  starterCode: `import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    # x is rows×cols. For every row: out[i, j] = exp(x[i, j]) / Σ_k exp(x[i, k]).
    # Rows may hold values like 1000 or -1000: compute it without overflow or division by zero.
    return np.zeros_like(x)
`,
  solutionCode,
};
