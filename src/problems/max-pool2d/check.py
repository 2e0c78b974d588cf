"""Independent check of max-pool2d: every window's maximum, window by window (floor mode, no padding)."""

import numpy as np


def max_pool2d(x: np.ndarray, kernel_size: int, stride: int) -> np.ndarray:
    channels, height, width = x.shape
    out_h = (height - kernel_size) // stride + 1
    out_w = (width - kernel_size) // stride + 1
    out = np.empty((channels, out_h, out_w))
    for c in range(channels):
        for i in range(out_h):
            for j in range(out_w):
                top, left = i * stride, j * stride
                out[c, i, j] = x[c, top : top + kernel_size, left : left + kernel_size].max()
    return out
