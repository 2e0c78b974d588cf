import { flat, ndarray, reshaped } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";
import type { Conv2dDims } from "./kernel.ts";

const solutionCode = `import numpy as np


def conv2d(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, stride: int, padding: int) -> np.ndarray:
    batch, in_channels, height, width = x.shape
    out_channels, _, kh, kw = weight.shape
    out_h = (height + 2 * padding - kh) // stride + 1
    out_w = (width + 2 * padding - kw) // stride + 1
    padded = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((batch, out_channels, out_h, out_w)) + bias[None, :, None, None]
    # One kernel tap at a time: a strided view of the input times that tap's weights, summed over channels.
    for i in range(kh):
        for j in range(kw):
            window = padded[:, :, i : i + stride * (out_h - 1) + 1 : stride, j : j + stride * (out_w - 1) + 1 : stride]
            out += (window[:, None, :, :, :] * weight[None, :, :, i, j, None, None]).sum(axis=2)
    return out
`;

export const conv2dPython: PythonForm = {
  kernelId: "conv2d",
  functionName: "conv2d",
  signature:
    "def conv2d(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, stride: int, padding: int) -> np.ndarray  # NCHW",
  argKinds: ["ndarray4d", "ndarray4d", "ndarray1d", "int", "int"],
  // The kernel's flat NCHW / OIHW buffers and their sizes ⇄ 4-D arrays, stride and padding; the output back flat.
  adapter: {
    args: ([input, weight, bias, dims]) => {
      const d = dims as Conv2dDims;
      return [
        ndarray(input as Float64Array, [d.batch, d.inChannels, d.height, d.width]),
        ndarray(weight as Float64Array, [d.outChannels, d.inChannels, d.kernelH, d.kernelW]),
        ndarray(bias as Float64Array, [d.outChannels]),
        d.stride,
        d.padding,
      ];
    },
    result: flat,
    present: (out, [, , , dims]) => {
      const d = dims as Conv2dDims;
      const outH = Math.floor((d.height + 2 * d.padding - d.kernelH) / d.stride) + 1;
      const outW = Math.floor((d.width + 2 * d.padding - d.kernelW) / d.stride) + 1;
      return reshaped(out, [d.batch, d.outChannels, outH, outW]);
    },
  },
  forbiddenNames: ["scipy", "torch"],
  allowed: `${NUMPY_ALLOWED} Slicing, np.pad, broadcasting and the @ operator are allowed; no library convolution (scipy.signal, torch).`,
  starterCode: `import numpy as np


def conv2d(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, stride: int, padding: int) -> np.ndarray:
    # x: (batch, in_channels, height, width); weight: (out_channels, in_channels, kh, kw); bias: (out_channels,).
    # out_h = (height + 2*padding - kh) // stride + 1, out_w likewise; positions outside the input read 0.
    # out[n, o, y, x] = bias[o] + Σ_c Σ_i Σ_j weight[o, c, i, j] * x[n, c, y*stride + i - padding, x*stride + j - padding]
    # Performance is ranked.
    out_h = (x.shape[2] + 2 * padding - weight.shape[2]) // stride + 1
    out_w = (x.shape[3] + 2 * padding - weight.shape[3]) // stride + 1
    return np.zeros((x.shape[0], weight.shape[0], out_h, out_w))
`,
  solutionCode,
};
