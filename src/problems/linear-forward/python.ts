import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def linear_forward(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return X @ W + b
`;

export const linearForwardPython: PythonForm = {
  kernelId: "linear-forward",
  functionName: "linear_forward",
  signature: "def linear_forward(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray",
  argKinds: ["ndarray2d", "ndarray2d", "ndarray1d"],
  forbiddenNames: [],
  allowed: `${NUMPY_ALLOWED} The @ operator is allowed: the layer, not the product, is the exercise.`,
  starterCode: `import numpy as np


def linear_forward(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    # X is batch×in, W is in×out, b has length out. Return Y = X·W + b (batch×out).
    return np.zeros((X.shape[0], b.shape[0]))
`,
  solutionCode,
};
