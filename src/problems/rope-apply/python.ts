import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def rope_apply(x: np.ndarray, position_offset: int, base: float, layout: str, scaling: dict) -> np.ndarray:
    seq, heads, d = x.shape
    if scaling["type"] == "ntk":
        base = base * scaling["factor"] ** (d / (d - 2))
    inv_freq = 1.0 / base ** (np.arange(0, d, 2) / d)
    positions = position_offset + np.arange(seq, dtype=np.float64)
    if scaling["type"] == "linear":
        positions = positions / scaling["factor"]
    angles = positions[:, None] * inv_freq[None, :]
    cos = np.cos(angles)[:, None, :]
    sin = np.sin(angles)[:, None, :]
    if layout == "interleaved":
        first, second = slice(0, d, 2), slice(1, d, 2)
    else:
        first, second = slice(0, d // 2), slice(d // 2, d)
    a, b = x[..., first], x[..., second]
    out = np.empty_like(x)
    out[..., first] = a * cos - b * sin
    out[..., second] = a * sin + b * cos
    return out
`;

export const ropeApplyPython: PythonForm = {
  kernelId: "rope-apply",
  functionName: "rope_apply",
  signature:
    'def rope_apply(x: np.ndarray, position_offset: int, base: float, layout: str, scaling: dict) -> np.ndarray  # x: (seq, heads, d); layout "interleaved" | "half"; scaling {"type": "none" | "linear" | "ntk", "factor": float}',
  argKinds: ["ndarray3d", "int", "float", "str", "json"],
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `import numpy as np


def rope_apply(x: np.ndarray, position_offset: int, base: float, layout: str, scaling: dict) -> np.ndarray:
    # x is (seq, heads, d). Token t is at position p = position_offset + t (p / factor under "linear" scaling).
    # Pair i (0 <= i < d/2) rotates by p * theta_i, theta_i = base ** (-2i/d) (base * factor ** (d/(d-2)) under "ntk").
    # Pairs: (2i, 2i+1) when layout == "interleaved", (i, i + d/2) when "half". (a, b) -> (a cos - b sin, a sin + b cos).
    return x.copy()
`,
  solutionCode,
};
