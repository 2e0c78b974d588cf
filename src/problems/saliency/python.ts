import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def saliency(x: np.ndarray, W1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: float) -> dict:
    a = np.tanh(W1 @ x + b1)
    score = float(w2 @ a + b2)
    gradient = (w2 * (1.0 - a * a)) @ W1
    return {"score": score, "gradient": gradient, "saliency": gradient * x}
`;

export const saliencyPython: PythonForm = {
  kernelId: "saliency",
  functionName: "saliency",
  signature:
    'def saliency(x: np.ndarray, W1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: float) -> dict  # {"score", "gradient", "saliency"}',
  argKinds: ["ndarray1d", "ndarray2d", "ndarray1d", "ndarray1d", "float"],
  forbiddenNames: ["torch"],
  allowed: `${NUMPY_ALLOWED} The @ operator is allowed; no automatic differentiation library (torch).`,
  starterCode: `import numpy as np


def saliency(x: np.ndarray, W1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: float) -> dict:
    # Model: a = tanh(W1·x + b1) (W1 is H×D), score = w2·a + b2.
    # gradient[d] = ∂score/∂x[d] (back-propagate through tanh: d tanh(z)/dz = 1 - tanh(z)²);
    # saliency[d] = gradient[d] * x[d].
    return {"score": b2, "gradient": np.zeros_like(x), "saliency": np.zeros_like(x)}
`,
  solutionCode,
};
