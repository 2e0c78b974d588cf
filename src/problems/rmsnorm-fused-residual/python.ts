import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def rmsnorm_fused_residual(x: np.ndarray, residual: np.ndarray, gamma: np.ndarray, eps: float) -> dict:
    h = x + residual
    rms = np.sqrt(np.mean(h * h, axis=-1, keepdims=True) + eps)
    return {"out": h / rms * gamma, "residual": h}
`;

export const rmsNormFusedResidualPython: PythonForm = {
  kernelId: "rmsnorm-fused-residual",
  functionName: "rmsnorm_fused_residual",
  signature:
    'def rmsnorm_fused_residual(x: np.ndarray, residual: np.ndarray, gamma: np.ndarray, eps: float) -> dict  # {"out": (rows, d), "residual": (rows, d)}',
  argKinds: ["ndarray2d", "ndarray2d", "ndarray1d", "float"],
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `import numpy as np


def rmsnorm_fused_residual(x: np.ndarray, residual: np.ndarray, gamma: np.ndarray, eps: float) -> dict:
    # x and residual are (rows, d), gamma is (d,). Per row: h = x + residual (the new residual stream),
    # out = h / sqrt(mean(h**2) + eps) * gamma. Return {"out": out, "residual": h}.
    return {"out": np.zeros_like(x), "residual": residual}
`,
  solutionCode,
};
