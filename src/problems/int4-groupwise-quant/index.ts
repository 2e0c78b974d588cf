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
};
