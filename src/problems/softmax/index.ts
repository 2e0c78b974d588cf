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
};
