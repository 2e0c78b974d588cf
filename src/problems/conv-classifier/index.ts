import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { convClassifierKernel } from "./kernel.ts";
import { convClassifierPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "conv-classifier",
  kernel: convClassifierKernel,
  python: convClassifierPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "4c9bfbda5493ba0738bdf3fe9f9acfe09d5879a2a247f3fe144df6f430f3d895",
};
