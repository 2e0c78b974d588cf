"""Independent check of smoothquant-scales with plain Python floats: channel statistics by loops, INT8 by
Python's round() (half to even), products and norms with math.fsum."""

import math


def _quantize(value, scale):
    return max(-127, min(127, round(value / scale))) * scale


def _product(a, b):
    return [[math.fsum(a[t][j] * b[j][o] for j in range(len(b))) for o in range(len(b[0]))] for t in range(len(a))]


def _error(x, w, exact):
    peak = max(abs(v) for row in x for v in row)
    sx = peak / 127 if peak > 0 else 1.0
    qx = [[_quantize(v, sx) for v in row] for row in x]
    qw = [[0.0] * len(w[0]) for _ in w]
    for o in range(len(w[0])):
        peak = max(abs(w[j][o]) for j in range(len(w)))
        so = peak / 127 if peak > 0 else 1.0
        for j in range(len(w)):
            qw[j][o] = _quantize(w[j][o], so)
    approx = _product(qx, qw)
    diff = math.fsum((approx[t][o] - exact[t][o]) ** 2 for t in range(len(exact)) for o in range(len(exact[0])))
    norm = math.fsum(v * v for row in exact for v in row)
    return math.sqrt(diff / norm) if norm > 0 else 0.0


def smoothquant_scales(x, w, alpha):
    x = [[float(v) for v in row] for row in x]
    w = [[float(v) for v in row] for row in w]
    scales = []
    for j in range(len(w)):
        a = max(abs(row[j]) for row in x)
        b = max(abs(v) for v in w[j])
        scales.append(a ** alpha / b ** (1 - alpha) if a > 0 and b > 0 else 1.0)
    xs = [[v / scales[j] for j, v in enumerate(row)] for row in x]
    ws = [[v * scales[j] for v in w[j]] for j in range(len(w))]
    exact = _product(x, w)
    return {"scales": scales, "x_smoothed": xs, "w_smoothed": ws,
            "error_before": _error(x, w, exact), "error_after": _error(xs, ws, exact)}
