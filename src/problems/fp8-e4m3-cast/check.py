"""Independent check of fp8-e4m3-cast: every finite E4M3 value is enumerated once from its bit fields, and each
input takes the nearest one by search (ties to the even code, i.e. the even mantissa), saturating at 448."""

import math

_POSITIVE = []  # (value, code) for codes 0x00..0x7E
for code in range(0x7F):
    exponent, mantissa = code >> 3, code & 7
    value = mantissa * 2.0 ** -9 if exponent == 0 else (8 + mantissa) * 2.0 ** (exponent - 10)
    _POSITIVE.append((value, code))


def _nearest(a):
    best = None
    for value, code in _POSITIVE:
        distance = abs(a - value)
        if best is None or distance < best[0] or (distance == best[0] and code % 2 == 0):
            best = (distance, code)
    return best[1]


def cast_fp8_e4m3(x, scale):
    values = [float(v) for v in x]
    if scale is None:
        finite = [abs(v) for v in values if math.isfinite(v)]
        peak = max(finite, default=0.0)
        scale = peak / 448 if peak > 0 else 1.0
    codes = []
    for v in values:
        if math.isnan(v):
            codes.append(0x7F)
            continue
        y = v / scale
        code = _nearest(min(abs(y), 448.0))
        codes.append(code | (0x80 if math.copysign(1.0, y) < 0 else 0))
    table = dict((code, value) for value, code in _POSITIVE)
    decoded = []
    for code in codes:
        if code & 0x7F == 0x7F:
            decoded.append(math.nan)
        else:
            magnitude = table[code & 0x7F]
            decoded.append((-magnitude if code & 0x80 else magnitude) * scale)
    return {"bytes": codes, "decoded": decoded, "scale": scale}
