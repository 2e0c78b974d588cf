import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { maxPool2dKernel } from "./kernel.ts";
import { maxPool2dPython } from "./python.ts";

const { solutionCode } = maxPool2dKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "keeps windows that cross the border (ceil mode) instead of dropping them", [
    ["top + kernelSize <= channel.length;", "top < channel.length;"],
    ["left + kernelSize <= channel[0].length;", "left < channel[0].length;"],
    [
      "window.push(...channel[top + i].slice(left, left + kernelSize));",
      "window.push(...(channel[top + i] ?? []).slice(left, left + kernelSize));",
    ],
  ]),
  edited(solutionCode, "assumes the stride equals the window size", [
    ["top += stride", "top += kernelSize"],
    ["left += stride", "left += kernelSize"],
  ]),
  edited(solutionCode, "maximum starts at 0: an all-negative window gives 0", [
    ["row.push(Math.max(...window));", "row.push(Math.max(0, ...window));"],
  ]),
  edited(solutionCode, "average pooling instead of max pooling", [
    ["row.push(Math.max(...window));", "row.push(window.reduce((a, v) => a + v, 0) / window.length);"],
  ]),
  edited(solutionCode, "transposed window: rows and columns swapped", [
    [
      "window.push(...channel[top + i].slice(left, left + kernelSize));",
      "for (let j = 0; j < kernelSize; j++) window.push(channel[left + j]?.[top + i] ?? -Infinity);",
    ],
  ]),
];

const pythonSolution = maxPool2dPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  {
    why: "averages the window instead of taking its maximum",
    code: `import numpy as np


def max_pool2d(x: np.ndarray, kernel_size: int, stride: int) -> np.ndarray:
    channels, height, width = x.shape
    out_h = (height - kernel_size) // stride + 1
    out_w = (width - kernel_size) // stride + 1
    out = np.zeros((channels, out_h, out_w))
    for i in range(kernel_size):
        for j in range(kernel_size):
            out += x[:, i : i + stride * (out_h - 1) + 1 : stride, j : j + stride * (out_w - 1) + 1 : stride]
    return out / kernel_size**2
`,
  },
  edited(pythonSolution, "windows start every cell (stride 1) whatever the stride", [
    [
      "window = x[:, i : i + stride * (out_h - 1) + 1 : stride, j : j + stride * (out_w - 1) + 1 : stride]",
      "window = x[:, i : i + out_h, j : j + out_w]",
    ],
  ]),
  edited(pythonSolution, "output size with ceil: a partial window at the edge is kept", [
    [
      "    out_h = (height - kernel_size) // stride + 1\n    out_w = (width - kernel_size) // stride + 1",
      "    out_h = -(-(height - kernel_size) // stride) + 1\n    out_w = -(-(width - kernel_size) // stride) + 1",
    ],
  ]),
  edited(pythonSolution, "starts from 0 instead of −inf: all-negative windows give 0", [
    ["np.full((channels, out_h, out_w), -np.inf)", "np.zeros((channels, out_h, out_w))"],
  ]),
  edited(pythonSolution, "takes the window's minimum", [
    ["out = np.maximum(out, window)", "out = np.minimum(np.where(np.isinf(out), np.inf, out), window)"],
  ]),
];
