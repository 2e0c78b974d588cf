import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { l2RegularizedGradKernel } from "./kernel.ts";
import { l2RegularizedGradPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "l2-regularized-grad",
  kernel: l2RegularizedGradKernel,
  python: l2RegularizedGradPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "4e132960ec81ff285008d141c566a98ecadbb016652cfe3201c39a1591a7cc5c",
  starterCommentsZh: {
    "Residuals r_i = x_i · w + b - y_i. loss = sum(r_i^2) / (2n) + (lambda / 2) * |w|^2;":
      "残差 r_i = x_i · w + b - y_i。loss = sum(r_i^2) / (2n) + (lambda / 2) * |w|^2；",
    "gradW = X^T r / n + lambda * w; gradB = sum(r_i) / n (the bias is not regularised).":
      "gradW = X^T r / n + lambda * w；gradB = sum(r_i) / n（偏置不做正则化）。",
    "Residuals r_i = x_i · w + b - y_i. loss = Σ r_i² / (2n) + (lam / 2) * |w|²;":
      "残差 r_i = x_i · w + b - y_i。loss = Σ r_i² / (2n) + (lam / 2) * |w|²；",
    "grad_w = Xᵀ r / n + lam * w; grad_b = Σ r_i / n (the bias is not regularised).":
      "grad_w = Xᵀ r / n + lam * w；grad_b = Σ r_i / n（偏置不做正则化）。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。可以用 @ 运算符。",
};
