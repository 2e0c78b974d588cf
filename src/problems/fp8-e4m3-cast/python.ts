import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import math

import numpy as np


def _encode(v: float) -> int:
    if math.isnan(v):
        return 0x7F
    sign = 0x80 if math.copysign(1.0, v) < 0 else 0
    a = min(abs(v), 448.0)
    if a < 2.0 ** -6:
        return sign | int(np.round(a / 2.0 ** -9))  # np.round rounds half to even
    e = math.frexp(a)[1] - 1  # a = m * 2^e with 1 <= m < 2
    m = int(np.round(a / 2.0 ** (e - 3)))
    if m == 16:
        m, e = 8, e + 1
    return sign | ((e + 7) << 3) | (m - 8)


def _decode(b: int) -> float:
    s = -1.0 if b & 0x80 else 1.0
    e, m = (b >> 3) & 15, b & 7
    if e == 15 and m == 7:
        return math.nan
    return s * m * 2.0 ** -9 if e == 0 else s * (1 + m / 8) * 2.0 ** (e - 7)


def cast_fp8_e4m3(x: np.ndarray, scale) -> dict:
    if scale is None:
        finite = np.abs(x[np.isfinite(x)])
        amax = float(finite.max()) if finite.size else 0.0
        scale = amax / 448 if amax > 0 else 1.0
    codes = [_encode(float(v) / scale) for v in x]
    return {"bytes": codes, "decoded": np.array([_decode(c) * scale for c in codes]), "scale": scale}
`;

export const fp8E4m3CastPython: PythonForm = {
  kernelId: "fp8-e4m3-cast",
  functionName: "cast_fp8_e4m3",
  signature: 'def cast_fp8_e4m3(x: np.ndarray, scale: float | None) -> dict  # {"bytes", "decoded", "scale"}',
  argKinds: ["ndarray1d", "json"],
  adapter: dictResult(["bytes", "decoded", "scale"]),
  forbiddenNames: ["ml_dtypes", "torch"],
  allowed: `${NUMPY_ALLOWED} No FP8 library type (ml_dtypes, torch.float8_e4m3fn).`,
  starterCode: `import math

import numpy as np


def cast_fp8_e4m3(x: np.ndarray, scale) -> dict:
    # E4M3 (bias 7, max 448, S.1111.111 = NaN, subnormals m * 2^-9), round to nearest even, saturate to +-448.
    # scale None: scale = max |finite x| / 448 (1 when that is 0). bytes[i] encodes x[i] / scale;
    # decoded[i] = value(bytes[i]) * scale.
    return {"bytes": [0] * x.size, "decoded": np.zeros(x.size), "scale": 1.0 if scale is None else scale}
`,
  solutionCode,
};
