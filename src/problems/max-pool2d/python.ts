import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def max_pool2d(x: np.ndarray, kernel_size: int, stride: int) -> np.ndarray:
    channels, height, width = x.shape
    out_h = (height - kernel_size) // stride + 1
    out_w = (width - kernel_size) // stride + 1
    out = np.full((channels, out_h, out_w), -np.inf)
    for i in range(kernel_size):
        for j in range(kernel_size):
            window = x[:, i : i + stride * (out_h - 1) + 1 : stride, j : j + stride * (out_w - 1) + 1 : stride]
            out = np.maximum(out, window)
    return out
`;

export const maxPool2dPython: PythonForm = {
  kernelId: "max-pool2d",
  functionName: "max_pool2d",
  signature: "def max_pool2d(x: np.ndarray, kernel_size: int, stride: int) -> np.ndarray  # channels × height × width",
  argKinds: ["ndarray3d", "int", "int"],
  forbiddenNames: ["scipy", "torch"],
  allowed: `${NUMPY_ALLOWED} No library pooling (scipy.ndimage, torch).`,
  starterCode: `import numpy as np


def max_pool2d(x: np.ndarray, kernel_size: int, stride: int) -> np.ndarray:
    # x is channels × height × width. For every channel, slide a kernel_size×kernel_size window with the given
    # stride (no padding; windows that would cross the border are dropped) and keep each window's maximum.
    # out_h = (height - kernel_size) // stride + 1, out_w likewise.
    return np.zeros((x.shape[0], 0, 0))
`,
  solutionCode,
};
