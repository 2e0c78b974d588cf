import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { pagedAttentionDecodeKernel } from "./kernel.ts";
import { naive } from "./naive.ts";
import { pagedAttentionDecodePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "paged-attention-decode",
  kernel: pagedAttentionDecodeKernel,
  python: pagedAttentionDecodePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  naive,
  pinnedTestHash: "460223259320085bad854e40e383f7c06079575e62d74cc5650c6d3ef3826b1a",
};
