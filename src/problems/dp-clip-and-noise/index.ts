import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { dpClipAndNoiseKernel } from "./kernel.ts";
import { dpClipAndNoisePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "dp-clip-and-noise",
  kernel: dpClipAndNoiseKernel,
  python: dpClipAndNoisePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "cadefb55cceaac402bbd92e74391bde82788f14916b7ba9d7010b425f2d311cd",
  starterCommentsZh: {
    "Clip each example's gradient to L2 norm <= clipNorm (scale by min(1, clipNorm / norm)), sum them,":
      "把每个样本的梯度裁剪到 L2 范数 <= clipNorm（乘以 min(1, clipNorm / norm)），将它们求和，",
    "add noiseMultiplier * clipNorm * noise, divide by the batch size.":
      "加上 noiseMultiplier * clipNorm * noise，再除以批大小。",
    "Clip each example's gradient (a row) to L2 norm <= clip_norm (scale by min(1, clip_norm / norm)), sum":
      "把每个样本的梯度（一行）裁剪到 L2 范数 <= clip_norm（乘以 min(1, clip_norm / norm)），然后",
    "them, add noise_multiplier * clip_norm * noise, divide by the batch size.":
      "将它们求和，加上 noise_multiplier * clip_norm * noise，再除以批大小。",
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。可以用 np.linalg.norm；不能用差分隐私库（opacus）。",
};
