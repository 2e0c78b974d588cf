import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def linear_backward(X: np.ndarray, W: np.ndarray, b: np.ndarray, Y: np.ndarray) -> dict:
    residual = X @ W + b - Y
    G = 2.0 * residual / residual.size
    return {
        "loss": float((residual ** 2).mean()),
        "dW": X.T @ G,
        "db": G.sum(axis=0),
        "dX": G @ W.T,
    }
`;

export const linearBackwardPython: PythonForm = {
  kernelId: "linear-backward",
  functionName: "linear_backward",
  signature:
    'def linear_backward(X: np.ndarray, W: np.ndarray, b: np.ndarray, Y: np.ndarray) -> dict  # {"loss", "dW", "db", "dX"}',
  argKinds: ["ndarray2d", "ndarray2d", "ndarray1d", "ndarray2d"],
  adapter: dictResult(["loss", "dW", "db", "dX"]),
  forbiddenNames: [],
  allowed: `${NUMPY_ALLOWED} The @ operator is allowed.`,
  starterCode: `import numpy as np


def linear_backward(X: np.ndarray, W: np.ndarray, b: np.ndarray, Y: np.ndarray) -> dict:
    # Forward: P = X·W + b (X batch×in, W in×out). Loss: mean of (P - Y)² over all batch×out entries.
    # Backward: G = dLoss/dP, then dW = Xᵀ·G (in×out), db = column sums of G, dX = G·Wᵀ (batch×in).
    return {"loss": 0.0, "dW": np.zeros_like(W), "db": np.zeros_like(b), "dX": np.zeros_like(X)}
`,
  solutionCode,
};
