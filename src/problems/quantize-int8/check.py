"""Independent check of quantize-int8: the statement's formulas in order, each rounding half up
(floor(v + 0.5), JavaScript's Math.round)."""

import math

import numpy as np


def _round(value: float) -> int:
    return math.floor(value + 0.5)


def quantize_int8(x: np.ndarray, mode: str) -> dict:
    values = [float(v) for v in x]
    if mode == "symmetric":
        scale = max(abs(v) for v in values) / 127
        zero_point, q_min, q_max = 0, -127, 127
    elif mode == "affine":
        lo = min(min(values), 0.0)
        hi = max(max(values), 0.0)
        scale = (hi - lo) / 255
        zero_point, q_min, q_max = None, -128, 127
    else:
        raise ValueError(f"unknown mode {mode!r}")
    if scale < 2.0**-1022:
        scale, zero_point = 1.0, 0
    elif zero_point is None:
        zero_point = min(max(_round(-128 - lo / scale), -128), 127)
    q = [min(max(_round(v / scale) + zero_point, q_min), q_max) for v in values]
    dequantized = [(level - zero_point) * scale for level in q]
    return {"q": np.array(q, dtype=np.float64), "scale": scale, "zero_point": zero_point,
            "dequantized": np.array(dequantized)}
