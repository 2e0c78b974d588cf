import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def l2_regularized_grad(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, lam: float) -> dict:
    n = X.shape[0]
    r = X @ w + b - y
    loss = (r ** 2).sum() / (2 * n) + lam / 2 * (w ** 2).sum()
    return {"loss": float(loss), "grad_w": X.T @ r / n + lam * w, "grad_b": float(r.sum() / n)}
`;

export const l2RegularizedGradPython: PythonForm = {
  kernelId: "l2-regularized-grad",
  functionName: "l2_regularized_grad",
  signature:
    'def l2_regularized_grad(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, lam: float) -> dict  # {"loss", "grad_w", "grad_b"}',
  argKinds: ["ndarray2d", "ndarray1d", "ndarray1d", "float", "float"],
  adapter: dictResult(["loss", "grad_w", "grad_b"]),
  forbiddenNames: [],
  allowed: `${NUMPY_ALLOWED} The @ operator is allowed.`,
  starterCode: `import numpy as np


def l2_regularized_grad(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, lam: float) -> dict:
    # Residuals r_i = x_i · w + b - y_i. loss = Σ r_i² / (2n) + (lam / 2) * |w|²;
    # grad_w = Xᵀ r / n + lam * w; grad_b = Σ r_i / n (the bias is not regularised).
    return {"loss": 0.0, "grad_w": np.zeros_like(w), "grad_b": 0.0}
`,
  solutionCode,
};
