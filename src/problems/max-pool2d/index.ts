import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { maxPool2dKernel } from "./kernel.ts";
import { maxPool2dPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "max-pool2d",
  kernel: maxPool2dKernel,
  python: maxPool2dPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "76013e328d083bace193b832b7a97b4c9f16df55e0facf2b59a5bf859a5186b9",
  starterCommentsZh: {
    "input is channels × height × width. For every channel, slide a kernelSize×kernelSize window with the given":
      "input 是 channels × height × width。对每个通道，以给定的 stride 滑动 kernelSize×kernelSize 的窗口",
    "stride (no padding; windows that would cross the border are dropped) and keep the maximum of each window.":
      "（不填充；会越过边界的窗口直接舍弃），保留每个窗口的最大值。",
    "outH = floor((height - kernelSize) / stride) + 1, outW likewise.":
      "outH = floor((height - kernelSize) / stride) + 1，outW 同理。",
    "x is channels × height × width. For every channel, slide a kernel_size×kernel_size window with the given":
      "x 是 channels × height × width。对每个通道，以给定的 stride 滑动 kernel_size×kernel_size 的窗口",
    "stride (no padding; windows that would cross the border are dropped) and keep each window's maximum.":
      "（不填充；会越过边界的窗口直接舍弃），保留每个窗口的最大值。",
    "out_h = (height - kernel_size) // stride + 1, out_w likewise.":
      "out_h = (height - kernel_size) // stride + 1，out_w 同理。",
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。不能用库里的池化（scipy.ndimage、torch）。",
};
