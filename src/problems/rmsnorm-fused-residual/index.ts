import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { rmsNormFusedResidualKernel } from "./kernel.ts";
import { rmsNormFusedResidualPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "rmsnorm-fused-residual",
  kernel: rmsNormFusedResidualKernel,
  python: rmsNormFusedResidualPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "5d620b8ae7e68393e5c2b9a309b29849ad14c4c9f4d64937c2c9dc9c8ca7e691",
  starterCommentsZh: {
    "Per row: h = x + residual (the new residual stream);": "逐行：h = x + residual（新的残差流）；",
    "out[j] = h[j] / sqrt(mean(h²) + eps) * gamma[j]. Return both.":
      "out[j] = h[j] / sqrt(mean(h²) + eps) * gamma[j]。两者都要返回。",
    "x and residual are (rows, d), gamma is (d,). Per row: h = x + residual (the new residual stream),":
      "x 和 residual 的形状是 (rows, d)，gamma 是 (d,)。逐行：h = x + residual（新的残差流），",
    'out = h / sqrt(mean(h**2) + eps) * gamma. Return {"out": out, "residual": h}.':
      'out = h / sqrt(mean(h**2) + eps) * gamma。返回 {"out": out, "residual": h}。',
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
