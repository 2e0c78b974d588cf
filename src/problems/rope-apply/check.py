"""Independent check of rope-apply, from the statement: each pair is rotated as a complex number,
(a + ib)·e^{i·p·theta_k}, with theta_k = base'^(-2k/d) computed through exp and log."""

import cmath
import math

import numpy as np


def rope_apply(x: np.ndarray, position_offset: int, base: float, layout: str, scaling: dict) -> np.ndarray:
    seq, heads, d = x.shape
    kind, factor = scaling["type"], float(scaling["factor"])
    rotary_base = base * math.exp(math.log(factor) * d / (d - 2)) if kind == "ntk" else base
    out = np.empty_like(x)
    for t in range(seq):
        position = (position_offset + t) / factor if kind == "linear" else float(position_offset + t)
        for k in range(d // 2):
            theta = math.exp(-2.0 * k / d * math.log(rotary_base))
            turn = cmath.exp(1j * position * theta)
            i, j = (2 * k, 2 * k + 1) if layout == "interleaved" else (k, k + d // 2)
            for h in range(heads):
                z = complex(x[t, h, i], x[t, h, j]) * turn
                out[t, h, i], out[t, h, j] = z.real, z.imag
    return out
