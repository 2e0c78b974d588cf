import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { conv2dKernel } from "./kernel.ts";
import { conv2dPython } from "./python.ts";

const { solutionCode } = conv2dKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(
    solutionCode,
    "flips the kernel (true convolution, like scipy.ndimage.convolve) instead of cross-correlation",
    [
      [
        "weight[((o * inChannels + c) * kernelH + i) * kernelW + j]",
        "weight[((o * inChannels + c) * kernelH + (kernelH - 1 - i)) * kernelW + (kernelW - 1 - j)]",
      ],
    ],
  ),
  edited(solutionCode, "pads one side only in the output size: height + padding − kernelH", [
    ["(height + 2 * padding - kernelH)", "(height + padding - kernelH)"],
    ["(width + 2 * padding - kernelW)", "(width + padding - kernelW)"],
  ]),
  edited(solutionCode, "ignores the stride when reading the input row", [
    ["input[inRow + x * stride + j - padding]", "input[inRow + x + j - padding]"],
  ]),
  edited(solutionCode, "forgets the bias", [["out[rowStart + x] = bias[o];", "out[rowStart + x] = 0;"]]),
  edited(solutionCode, "output width rounded up (ceil) instead of down", [
    ["const outW = Math.floor(", "const outW = Math.ceil("],
  ]),
];

const pythonSolution = conv2dPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "flips the kernel (a true convolution, not the cross-correlation deep learning calls conv)", [
    ["weight[None, :, :, i, j, None, None]", "weight[None, :, :, kh - 1 - i, kw - 1 - j, None, None]"],
  ]),
  edited(pythonSolution, "ignores padding", [
    ["padded = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))", "padded = x"],
  ]),
  edited(pythonSolution, "ignores the stride: windows start at every position", [
    [
      "window = padded[:, :, i : i + stride * (out_h - 1) + 1 : stride, j : j + stride * (out_w - 1) + 1 : stride]",
      "window = padded[:, :, i : i + out_h, j : j + out_w]",
    ],
  ]),
  edited(pythonSolution, "output size without the padding", [
    [
      "    out_h = (height + 2 * padding - kh) // stride + 1\n    out_w = (width + 2 * padding - kw) // stride + 1",
      "    out_h = (height - kh) // stride + 1\n    out_w = (width - kw) // stride + 1",
    ],
  ]),
  edited(pythonSolution, "pads only the top and the left", [
    [
      "np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))",
      "np.pad(x, ((0, 0), (0, 0), (padding, 0), (padding, 0)))",
    ],
  ]),
];
