"""Independent check of conv2d: an explicit loop over output positions, each a sum over the receptive field
of a zero-padded copy of the input (cross-correlation: the kernel is not flipped)."""

import numpy as np


def conv2d(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, stride: int, padding: int) -> np.ndarray:
    batch, channels, height, width = x.shape
    out_channels, weight_channels, kh, kw = weight.shape
    assert weight_channels == channels and bias.shape == (out_channels,)
    out_h = (height + 2 * padding - kh) // stride + 1
    out_w = (width + 2 * padding - kw) // stride + 1
    padded = np.zeros((batch, channels, height + 2 * padding, width + 2 * padding))
    padded[:, :, padding : padding + height, padding : padding + width] = x
    out = np.empty((batch, out_channels, out_h, out_w))
    for n in range(batch):
        for o in range(out_channels):
            for y in range(out_h):
                for z in range(out_w):
                    field = padded[n, :, y * stride : y * stride + kh, z * stride : z * stride + kw]
                    out[n, o, y, z] = bias[o] + np.sum(field * weight[o])
    return out
