import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { int4GroupwiseQuantKernel } from "./kernel.ts";
import { int4GroupwiseQuantPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "int4-groupwise-quant",
  kernel: int4GroupwiseQuantKernel,
  python: int4GroupwiseQuantPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "95b0107f6e27cc6f915a470111d5ea3727d7f0e189d3cbce1a074a67ec6b9e39",
  starterCommentsZh: {
    "Per row and per group of groupSize columns: lo = min(min, 0), hi = max(max, 0) ([-1, 1] if both are 0),":
      "每行内每 groupSize 列为一组：lo = min(min, 0)，hi = max(max, 0)（两者都为 0 时取 [-1, 1]），",
    "scale = (hi - lo) / 15, zero = round(-lo / scale), q = clamp(round(w / scale) + zero, 0, 15), half to even.":
      "scale = (hi - lo) / 15，zero = round(-lo / scale)，q = clamp(round(w / scale) + zero, 0, 15)，舍入时 .5 取偶（half to even）。",
    "packed[r][j] = q[r][2j] | (q[r][2j + 1] << 4); y = sum over columns of (q - zero) * scale * x.":
      "packed[r][j] = q[r][2j] | (q[r][2j + 1] << 4)；y 为 (q - zero) * scale * x 在所有列上的和。",
    "Per row and per group of group_size columns: lo = min(min, 0), hi = max(max, 0) ([-1, 1] if both are 0),":
      "每行内每 group_size 列为一组：lo = min(min, 0)，hi = max(max, 0)（两者都为 0 时取 [-1, 1]），",
    "scale = (hi - lo) / 15, zero = round(-lo / scale), q = clip(round(w / scale) + zero, 0, 15), half to even.":
      "scale = (hi - lo) / 15，zero = round(-lo / scale)，q = clip(round(w / scale) + zero, 0, 15)，舍入时 .5 取偶（half to even）。",
    "packed[r, j] = q[r, 2j] | (q[r, 2j + 1] << 4); y = W_dequantized @ x with W_dequantized = (q - zero) * scale.":
      "packed[r, j] = q[r, 2j] | (q[r, 2j + 1] << 4)；y = W_dequantized @ x，其中 W_dequantized = (q - zero) * scale。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
