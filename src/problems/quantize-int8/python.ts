import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def round_half_up(values):
    # Halves go up (2.5 → 3, -2.5 → -2), like JavaScript's Math.round; np.round would go to even.
    return np.floor(values + 0.5)


def quantize_int8(x: np.ndarray, mode: str) -> dict:
    if mode == "symmetric":
        scale = np.abs(x).max() / 127
        degenerate = scale < 2.0**-1022
        scale = 1.0 if degenerate else float(scale)
        zero_point = 0
        q_min = -127
    else:
        lo, hi = min(x.min(), 0.0), max(x.max(), 0.0)
        degenerate = (hi - lo) / 255 < 2.0**-1022
        scale = 1.0 if degenerate else float((hi - lo) / 255)
        zero_point = 0 if degenerate else int(np.clip(round_half_up(-128 - lo / scale), -128, 127))
        q_min = -128
    q = np.clip(round_half_up(x / scale) + zero_point, q_min, 127)
    return {"q": q, "scale": scale, "zero_point": zero_point, "dequantized": (q - zero_point) * scale}
`;

export const quantizeInt8Python: PythonForm = {
  kernelId: "quantize-int8",
  functionName: "quantize_int8",
  signature: 'def quantize_int8(x: np.ndarray, mode: str) -> dict  # {"q", "scale", "zero_point", "dequantized"}',
  argKinds: ["ndarray1d", "str"],
  adapter: dictResult(["q", "scale", "zero_point", "dequantized"]),
  forbiddenNames: ["torch"],
  allowed: `${NUMPY_ALLOWED} Round halves up (floor(v + 0.5)): np.round rounds halves to even.`,
  starterCode: `import numpy as np


def quantize_int8(x: np.ndarray, mode: str) -> dict:
    # symmetric: scale = max|x| / 127, zero_point = 0, q in [-127, 127].
    # affine: lo = min(min x, 0), hi = max(max x, 0), scale = (hi - lo) / 255,
    #   zero_point = round(-128 - lo / scale), q in [-128, 127].
    # q = clip(round(x / scale) + zero_point); dequantized = (q - zero_point) * scale. round: halves go up.
    # If scale < 2 ** -1022 (e.g. all-zero x), use scale = 1 and zero_point = 0.
    return {"q": np.zeros_like(x), "scale": 1.0, "zero_point": 0, "dequantized": np.zeros_like(x)}
`,
  solutionCode,
};
