import { ndarray, nested } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def mlp_forward(X: np.ndarray, weights: list, biases: list) -> np.ndarray:
    H = X
    for layer, (W, b) in enumerate(zip(weights, biases)):
        H = H @ W + b
        if layer < len(weights) - 1:
            H = np.maximum(H, 0.0)
    return H
`;

export const mlpForwardPython: PythonForm = {
  kernelId: "mlp-forward",
  functionName: "mlp_forward",
  signature: "def mlp_forward(X: np.ndarray, weights: list[np.ndarray], biases: list[np.ndarray]) -> np.ndarray",
  // weights[l] is in_l × out_l and biases[l] has out_l entries: ragged, so lists of arrays (decoded JSON).
  argKinds: ["ndarray2d", "json", "json"],
  adapter: {
    args: ([X, weights, biases]) => [
      X,
      (weights as number[][][]).map((W) => ndarray(W)),
      (biases as number[][]).map((b) => ndarray(b)),
    ],
    result: nested,
  },
  forbiddenNames: [],
  allowed: `${NUMPY_ALLOWED} The @ operator is allowed.`,
  starterCode: `import numpy as np


def mlp_forward(X: np.ndarray, weights: list, biases: list) -> np.ndarray:
    # Layer l: H_next = H · weights[l] + biases[l], where weights[l] is in_l × out_l (numpy arrays).
    # Apply ReLU (max(0, v)) after every layer except the last one, which stays linear.
    return np.zeros((X.shape[0], biases[-1].shape[0]))
`,
  solutionCode,
};
