import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { layerNormKernel } from "./kernel.ts";
import { layerNormPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "layer-norm",
  kernel: layerNormKernel,
  python: layerNormPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "37caf5fb68d959bffb42a7bfaf9c0249aab6224f24c15d1484427202bfaa296e",
  starterCommentsZh: {
    "Normalise every row over its D features: mean μ, biased variance σ² = Σ (x - μ)^2 / D,":
      "对每一行在它的 D 个特征上做归一化：均值 μ，有偏方差 σ² = Σ (x - μ)^2 / D，",
    "y[j] = gamma[j] * (x[j] - μ) / sqrt(σ² + eps) + beta[j].":
      "输出 y[j] = gamma[j] * (x[j] - μ) / sqrt(σ² + eps) + beta[j]。",
    "Normalise every row of x (rows×D) over its D features: mean μ, biased variance σ² = Σ (x - μ)² / D,":
      "对 x（rows×D）的每一行在它的 D 个特征上做归一化：均值 μ，有偏方差 σ² = Σ (x - μ)² / D，",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
