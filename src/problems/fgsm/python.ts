import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def fgsm(x: np.ndarray, w: np.ndarray, b: float, label: int, epsilon: float, clip_min: float, clip_max: float) -> dict:
    z = float(x @ w + b)
    # log(1 + e^t) without overflow for large |t|
    log_one_plus_exp = lambda t: np.logaddexp(0.0, t)
    loss = log_one_plus_exp(-z) if label == 1 else log_one_plus_exp(z)
    p = 1.0 / (1.0 + np.exp(-z))
    gradient = (p - label) * w
    adversarial = np.clip(x + epsilon * np.sign(gradient), clip_min, clip_max)
    return {"loss": float(loss), "gradient": gradient, "adversarial": adversarial}
`;

export const fgsmPython: PythonForm = {
  kernelId: "fgsm",
  functionName: "fgsm",
  signature:
    'def fgsm(x: np.ndarray, w: np.ndarray, b: float, label: int, epsilon: float, clip_min: float, clip_max: float) -> dict  # {"loss", "gradient", "adversarial"}',
  argKinds: ["ndarray1d", "ndarray1d", "float", "int", "float", "float", "float"],
  forbiddenNames: ["torch"],
  allowed: `${NUMPY_ALLOWED} The @ operator is allowed; no automatic differentiation library (torch).`,
  starterCode: `import numpy as np


def fgsm(x: np.ndarray, w: np.ndarray, b: float, label: int, epsilon: float, clip_min: float, clip_max: float) -> dict:
    # Classifier: p = sigmoid(w·x + b); loss = binary cross-entropy of p against label (0 or 1).
    # gradient = dLoss/dx; adversarial[j] = clip(x[j] + epsilon * sign(gradient[j]), clip_min, clip_max), sign(0) = 0.
    return {"loss": 0.0, "gradient": np.zeros_like(x), "adversarial": x.copy()}
`,
  solutionCode,
};
