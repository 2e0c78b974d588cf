import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { saliencyKernel } from "./kernel.ts";
import { saliencyPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "saliency",
  kernel: saliencyKernel,
  python: saliencyPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "09535926e4953e27b0dd428e959f197683b96319c539551d2af79c21eb4f42d9",
};
