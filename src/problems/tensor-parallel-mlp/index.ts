import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { tensorParallelMlpKernel } from "./kernel.ts";
import { tensorParallelMlpPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "tensor-parallel-mlp",
  kernel: tensorParallelMlpKernel,
  python: tensorParallelMlpPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "9fc3e5dd10626c8f5e649661b3b083ac9f604b63d6da48c96977c125764b3200",
  starterCommentsZh: {
    "Rank i owns columns [i*f/T, (i+1)*f/T) of W1 and b1 and the same rows of W2: Z_i = GeLU(X W1_i + b1_i) W2_i.":
      "rank i 持有 W1 和 b1 的第 [i*f/T, (i+1)*f/T) 列，以及 W2 的相同行：Z_i = GeLU(X W1_i + b1_i) W2_i。",
    "One all-reduce sums the Z_i; add b2 once. A ring all-reduce sends 2(T-1)/T of the b x h output per rank.":
      "一次 all-reduce 把各 Z_i 求和；b2 只加一次。环形 all-reduce 中每个 rank 发送 b x h 输出的 2(T-1)/T。",
    "Rank i owns columns [i*f/T, (i+1)*f/T) of w1 and b1 and the same rows of w2: Z_i = GeLU(x w1_i + b1_i) w2_i.":
      "rank i 持有 w1 和 b1 的第 [i*f/T, (i+1)*f/T) 列，以及 w2 的相同行：Z_i = GeLU(x w1_i + b1_i) w2_i。",
  },
  allowedZh: "Python 3 与 numpy、math；不能用 torch 或 scipy（它们的 GeLU 是精确的 erf 形式）。",
};
