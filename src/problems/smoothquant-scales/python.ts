import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def _int8(a: np.ndarray, peak) -> np.ndarray:
    scale = np.where(peak > 0, peak / 127, 1.0)
    return np.clip(np.round(a / scale), -127, 127) * scale  # np.round rounds half to even


def _error(x: np.ndarray, w: np.ndarray, exact: np.ndarray) -> float:
    approx = _int8(x, np.abs(x).max()) @ _int8(w, np.abs(w).max(axis=0))
    norm = np.sqrt((exact ** 2).sum())
    return float(np.sqrt(((approx - exact) ** 2).sum()) / norm) if norm > 0 else 0.0


def smoothquant_scales(x: np.ndarray, w: np.ndarray, alpha: float) -> dict:
    act = np.abs(x).max(axis=0)
    wt = np.abs(w).max(axis=1)
    ok = (act > 0) & (wt > 0)
    s = np.ones_like(act)
    s[ok] = act[ok] ** alpha / wt[ok] ** (1 - alpha)
    xs = x / s
    ws = w * s[:, None]
    exact = x @ w
    return {"scales": s, "x_smoothed": xs, "w_smoothed": ws,
            "error_before": _error(x, w, exact), "error_after": _error(xs, ws, exact)}
`;

export const smoothquantScalesPython: PythonForm = {
  kernelId: "smoothquant-scales",
  functionName: "smoothquant_scales",
  signature:
    "def smoothquant_scales(x: np.ndarray, w: np.ndarray, alpha: float) -> dict  " +
    '# {"scales", "x_smoothed", "w_smoothed", "error_before", "error_after"}',
  argKinds: ["ndarray2d", "ndarray2d", "float"],
  adapter: dictResult(["scales", "x_smoothed", "w_smoothed", "error_before", "error_after"]),
  forbiddenNames: ["torch"],
  allowed: NUMPY_ALLOWED,
  starterCode: `import numpy as np


def smoothquant_scales(x: np.ndarray, w: np.ndarray, alpha: float) -> dict:
    # x: tokens x in, w: in x out. s_j = max|x[:, j]|^alpha / max|w[j, :]|^(1 - alpha) (1 if either max is 0);
    # x_smoothed = x / s (per column), w_smoothed = diag(s) @ w (per row). INT8 error of the product,
    # ||Q(x) Q(w) - x w||_F / ||x w||_F, with x quantised per tensor and w per output column (round half to even,
    # clip to +-127), before and after smoothing.
    return {"scales": np.ones(x.shape[1]), "x_smoothed": x, "w_smoothed": w, "error_before": 0.0, "error_after": 0.0}
`,
  solutionCode,
};
