import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { smoothquantScalesKernel } from "./kernel.ts";
import { smoothquantScalesPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "smoothquant-scales",
  kernel: smoothquantScalesKernel,
  python: smoothquantScalesPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "76fccbe0b3dc5a70e1e1cbd6c8aac599a096a376282a2deb4371493d3ccf8a29",
  starterCommentsZh: {
    "x: tokens × in, w: in × out. s_j = max|x[:, j]|^alpha / max|w[j, :]|^(1 - alpha) (1 if either max is 0);":
      "x：tokens × in，w：in × out。s_j = max|x[:, j]|^alpha / max|w[j, :]|^(1 - alpha)（任一 max 为 0 时取 1）；",
    "xSmoothed = x / s (per column), wSmoothed = diag(s) · w (per row). INT8 error of the product,":
      "xSmoothed = x / s（按列），wSmoothed = diag(s) · w（按行）。乘积的 INT8 误差",
    "||Q(x) Q(w) - x w||_F / ||x w||_F, with x quantised per tensor and w per output column (round half to even,":
      "||Q(x) Q(w) - x w||_F / ||x w||_F，其中 x 按张量量化、w 按输出列量化（四舍六入五成双，",
    "clamp to ±127), before and after smoothing.": "截断到 ±127），平滑前后各算一次。",
    "x: tokens x in, w: in x out. s_j = max|x[:, j]|^alpha / max|w[j, :]|^(1 - alpha) (1 if either max is 0);":
      "x：tokens x in，w：in x out。s_j = max|x[:, j]|^alpha / max|w[j, :]|^(1 - alpha)（任一 max 为 0 时取 1）；",
    "x_smoothed = x / s (per column), w_smoothed = diag(s) @ w (per row). INT8 error of the product,":
      "x_smoothed = x / s（按列），w_smoothed = diag(s) @ w（按行）。乘积的 INT8 误差",
    "clip to +-127), before and after smoothing.": "截断到 +-127），平滑前后各算一次。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
