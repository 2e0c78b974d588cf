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
  pinnedTestHash: "718b0d08d281ae9b3888a8dd53b80aaa79e9ba2c943c61b8dc6266020d578c57",
};
