import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { quantizeInt8Kernel } from "./kernel.ts";
import { quantizeInt8Python } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "quantize-int8",
  kernel: quantizeInt8Kernel,
  python: quantizeInt8Python,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "7a4eb63fe9767b9996c5192887b8b7a30272ae0cbe6f2b639dd00987b4988c53",
  starterCommentsZh: {
    "symmetric: scale = max|x| / 127, zeroPoint = 0, q in [-127, 127].":
      "symmetric（对称）：scale = max|x| / 127，zeroPoint = 0，q 取值于 [-127, 127]。",
    "affine: lo = min(min x, 0), hi = max(max x, 0), scale = (hi - lo) / 255,":
      "affine（仿射）：lo = min(min x, 0)，hi = max(max x, 0)，scale = (hi - lo) / 255，",
    "  zeroPoint = Math.round(-128 - lo / scale), q in [-128, 127].":
      "  zeroPoint = Math.round(-128 - lo / scale)，q 取值于 [-128, 127]。",
    "q = clamp(Math.round(x / scale) + zeroPoint); dequantized = (q - zeroPoint) * scale.":
      "q = clamp(Math.round(x / scale) + zeroPoint)；反量化结果 dequantized = (q - zeroPoint) * scale。",
    "If scale < 2 ** -1022 (e.g. all-zero x), use scale = 1 and zeroPoint = 0.":
      "若 scale < 2 ** -1022（例如 x 全为零），则取 scale = 1、zeroPoint = 0。",
    "symmetric: scale = max|x| / 127, zero_point = 0, q in [-127, 127].":
      "symmetric（对称）：scale = max|x| / 127，zero_point = 0，q 取值于 [-127, 127]。",
    "  zero_point = round(-128 - lo / scale), q in [-128, 127].":
      "  zero_point = round(-128 - lo / scale)，q 取值于 [-128, 127]。",
    "q = clip(round(x / scale) + zero_point); dequantized = (q - zero_point) * scale. round: halves go up.":
      "q = clip(round(x / scale) + zero_point)；反量化结果 dequantized = (q - zero_point) * scale。round：恰为 .5 时向上取整。",
    "If scale < 2 ** -1022 (e.g. all-zero x), use scale = 1 and zero_point = 0.":
      "若 scale < 2 ** -1022（例如 x 全为零），则取 scale = 1、zero_point = 0。",
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。中点向上取整（floor(v + 0.5)）：np.round 会把中点取到偶数。",
};
