import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def quantize_int4_groupwise(w: np.ndarray, group_size: int, x: np.ndarray) -> dict:
    rows, cols = w.shape
    groups = w.reshape(rows, cols // group_size, group_size)
    lo = np.minimum(groups.min(axis=2), 0.0)
    hi = np.maximum(groups.max(axis=2), 0.0)
    empty = (lo == 0) & (hi == 0)
    lo = np.where(empty, -1.0, lo)
    hi = np.where(empty, 1.0, hi)
    scales = (hi - lo) / 15
    zeros = np.round(-lo / scales)  # np.round rounds half to even
    q = np.clip(np.round(groups / scales[:, :, None]) + zeros[:, :, None], 0, 15)
    dequantized = ((q - zeros[:, :, None]) * scales[:, :, None]).reshape(rows, cols)
    levels = q.reshape(rows, cols).astype(np.int64)
    packed = levels[:, 0::2] | (levels[:, 1::2] << 4)
    return {"packed": packed, "scales": scales, "zeros": zeros.astype(np.int64), "y": dequantized @ x}
`;

export const int4GroupwiseQuantPython: PythonForm = {
  kernelId: "int4-groupwise-quant",
  functionName: "quantize_int4_groupwise",
  signature:
    'def quantize_int4_groupwise(w: np.ndarray, group_size: int, x: np.ndarray) -> dict  # {"packed", "scales", "zeros", "y"}',
  argKinds: ["ndarray2d", "int", "ndarray1d"],
  adapter: dictResult(["packed", "scales", "zeros", "y"]),
  forbiddenNames: ["torch"],
  allowed: NUMPY_ALLOWED,
  starterCode: `import numpy as np


def quantize_int4_groupwise(w: np.ndarray, group_size: int, x: np.ndarray) -> dict:
    # Per row and per group of group_size columns: lo = min(min, 0), hi = max(max, 0) ([-1, 1] if both are 0),
    # scale = (hi - lo) / 15, zero = round(-lo / scale), q = clip(round(w / scale) + zero, 0, 15), half to even.
    # packed[r, j] = q[r, 2j] | (q[r, 2j + 1] << 4); y = W_dequantized @ x with W_dequantized = (q - zero) * scale.
    rows, cols = w.shape
    g = cols // group_size
    return {"packed": np.zeros((rows, cols // 2), dtype=np.int64), "scales": np.ones((rows, g)),
            "zeros": np.zeros((rows, g), dtype=np.int64), "y": np.zeros(rows)}
`,
  solutionCode,
};
