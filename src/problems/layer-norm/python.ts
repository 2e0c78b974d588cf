import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(axis=1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
`;

export const layerNormPython: PythonForm = {
  kernelId: "layer-norm",
  functionName: "layer_norm",
  signature: "def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray",
  argKinds: ["ndarray2d", "ndarray1d", "ndarray1d", "float"],
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `import numpy as np


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    # Normalise every row of x (rows×D) over its D features: mean μ, biased variance σ² = Σ (x - μ)² / D,
    # y[j] = gamma[j] * (x[j] - μ) / sqrt(σ² + eps) + beta[j].
    return np.tile(beta, (x.shape[0], 1))
`,
  solutionCode,
};
