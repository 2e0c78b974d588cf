"""Independent check of int4-groupwise-quant, element by element with Python's round() (which rounds half to
even) and the GEMV accumulated in exact fractions of the dequantised weights before one final rounding."""

from fractions import Fraction


def quantize_int4_groupwise(w, group_size, x):
    packed, scales, zeros, y = [], [], [], []
    for row in w:
        row = [float(v) for v in row]
        levels, row_scales, row_zeros = [], [], []
        total = Fraction(0)
        for start in range(0, len(row), group_size):
            group = row[start:start + group_size]
            lo, hi = min(min(group), 0.0), max(max(group), 0.0)
            if lo == 0.0 and hi == 0.0:
                lo, hi = -1.0, 1.0
            scale = (hi - lo) / 15
            zero = round(-lo / scale)
            row_scales.append(scale)
            row_zeros.append(zero)
            for offset, value in enumerate(group):
                level = min(15, max(0, round(value / scale) + zero))
                levels.append(level)
                total += Fraction((level - zero) * scale) * Fraction(float(x[start + offset]))
        packed.append([levels[j] + 16 * levels[j + 1] for j in range(0, len(levels), 2)])
        scales.append(row_scales)
        zeros.append(row_zeros)
        y.append(float(total))
    return {"packed": packed, "scales": scales, "zeros": zeros, "y": y}
