import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { conv2dKernel } from "./kernel.ts";
import { naive } from "./naive.ts";
import { conv2dPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "conv2d",
  kernel: conv2dKernel,
  python: conv2dPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  naive,
  pinnedTestHash: "3932937876168b6c723ab8708546a788524d53101d54cde755275835cec187ee",
  starterCommentsZh: {
    "input: [batch][inChannels][height][width]; weight: [outChannels][inChannels][kernelH][kernelW]; row-major.":
      "input：[batch][inChannels][height][width]；weight：[outChannels][inChannels][kernelH][kernelW]；行主序。",
    "outH = floor((height + 2*padding - kernelH) / stride) + 1, outW likewise; positions outside the input read 0.":
      "outH = floor((height + 2*padding - kernelH) / stride) + 1，outW 同理；输入范围之外的位置读作 0。",
    "out[n][o][y][x] = bias[o] + Σ_c Σ_i Σ_j weight[o][c][i][j] * input[n][c][y*stride + i - padding][x*stride + j - padding]":
      "每个输出元素：out[n][o][y][x] = bias[o] + Σ_c Σ_i Σ_j weight[o][c][i][j] * input[n][c][y*stride + i - padding][x*stride + j - padding]",
    "x: (batch, in_channels, height, width); weight: (out_channels, in_channels, kh, kw); bias: (out_channels,).":
      "x 的形状：(batch, in_channels, height, width)；weight 的形状：(out_channels, in_channels, kh, kw)；bias 的形状：(out_channels,)。",
    "out_h = (height + 2*padding - kh) // stride + 1, out_w likewise; positions outside the input read 0.":
      "out_h = (height + 2*padding - kh) // stride + 1，out_w 同理；输入范围之外的位置读作 0。",
    "out[n, o, y, x] = bias[o] + Σ_c Σ_i Σ_j weight[o, c, i, j] * x[n, c, y*stride + i - padding, x*stride + j - padding]":
      "每个输出元素：out[n, o, y, x] = bias[o] + Σ_c Σ_i Σ_j weight[o, c, i, j] * x[n, c, y*stride + i - padding, x*stride + j - padding]",
    "Performance is ranked.": "按性能排名。",
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。可以用切片、np.pad、广播和 @ 运算符；不能用库里的卷积（scipy.signal、torch）。",
};
