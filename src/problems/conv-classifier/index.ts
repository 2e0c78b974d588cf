import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { convClassifierKernel } from "./kernel.ts";
import { convClassifierPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "conv-classifier",
  kernel: convClassifierKernel,
  python: convClassifierPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "4c9bfbda5493ba0738bdf3fe9f9acfe09d5879a2a247f3fe144df6f430f3d895",
  starterCommentsZh: {
    "images: N grayscale images (H×W); filters: F filters (KH×KW) with one bias each.":
      "images：N 张灰度图像（H×W）；filters：F 个滤波器（KH×KW），各带一个偏置。",
    "For every image: cross-correlate each filter (stride 1, no padding, do not flip it) and add its bias → F maps":
      "对每张图像：用每个滤波器做互相关（步长 1，无填充，不翻转滤波器）并加上其偏置 → F 张特征图，",
    "of (H-KH+1)×(W-KW+1); ReLU; max-pool poolSize×poolSize windows with stride poolSize (drop partial windows);":
      "每张 (H-KH+1)×(W-KW+1)；ReLU；以步长 poolSize 在 poolSize×poolSize 窗口上做最大池化（丢弃不完整的窗口）；",
    "flatten filter by filter, row by row; logits = flat·denseW + denseB; return softmax(logits) (stable).":
      "逐个滤波器、逐行展平；logits = flat·denseW + denseB；返回 softmax(logits)（数值稳定）。",
    "images: N grayscale images (N×H×W); filters: F filters (F×KH×KW) with one bias each.":
      "images：N 张灰度图像（N×H×W）；filters：F 个滤波器（F×KH×KW），各带一个偏置。",
    "of (H-KH+1)×(W-KW+1); ReLU; max-pool pool_size×pool_size windows with stride pool_size (drop partial":
      "每张 (H-KH+1)×(W-KW+1)；ReLU；以步长 pool_size 在 pool_size×pool_size 窗口上做最大池化（丢弃不完整的",
    "windows); flatten filter by filter, row by row; logits = flat·dense_w + dense_b; return softmax(logits).":
      "窗口）；逐个滤波器、逐行展平；logits = flat·dense_w + dense_b；返回 softmax(logits)。",
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。可以用 @ 运算符；不能用库里的卷积、池化或 softmax（scipy、torch）。",
};
