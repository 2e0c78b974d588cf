import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { ropeApplyKernel } from "./kernel.ts";
import { ropeApplyPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "rope-apply",
  kernel: ropeApplyKernel,
  python: ropeApplyPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "9118029eedf75bffe21d761dc719f19cf16e44d06814a23cf41547678be73026",
};
