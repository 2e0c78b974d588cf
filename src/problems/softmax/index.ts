import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { softmaxKernel } from "./kernel.ts";
import { softmaxPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "softmax",
  kernel: softmaxKernel,
  python: softmaxPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "ea223ac61b30b003e9bc64176bbfe2ae7d78513771c21590f9bd954c85b4a505",
  starterCommentsZh: {
    "For every row: out[i][j] = exp(x[i][j]) / Σ_k exp(x[i][k]).":
      "对每一行：out[i][j] = exp(x[i][j]) / Σ_k exp(x[i][k])。",
    "Rows may contain values like 1000 or -1000: compute it without overflow or division by zero.":
      "行里可能有 1000 或 -1000 这样的值：计算时不能溢出，也不能除以零。",
    "x is rows×cols. For every row: out[i, j] = exp(x[i, j]) / Σ_k exp(x[i, k]).":
      "x 是 rows×cols。对每一行：out[i, j] = exp(x[i, j]) / Σ_k exp(x[i, k])。",
    "Rows may hold values like 1000 or -1000: compute it without overflow or division by zero.":
      "行里可能有 1000 或 -1000 这样的值：计算时不能溢出，也不能除以零。",
  },
  allowedZh: "Python 3 与 numpy（np.exp、max、sum、广播）；不能用库里的 softmax（scipy.special.softmax、torch）。",
};
