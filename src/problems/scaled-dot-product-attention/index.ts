import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { scaledDotProductAttentionKernel } from "./kernel.ts";
import { naive } from "./naive.ts";
import { scaledDotProductAttentionPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "scaled-dot-product-attention",
  kernel: scaledDotProductAttentionKernel,
  python: scaledDotProductAttentionPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  naive,
  pinnedTestHash: "161f83b0d92813472fdd5d2932ba0ebe9cc849490a288ad10b9755e834bbc249",
};
