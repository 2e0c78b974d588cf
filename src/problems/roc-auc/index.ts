import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { rocAucKernel } from "./kernel.ts";
import { rocAucPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "roc-auc",
  kernel: rocAucKernel,
  python: rocAucPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "007b8332eeee4d91fc9b720f7026ad430761155df441d29eb0720902281a9017",
};
