import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { linearBackwardKernel } from "./kernel.ts";
import { linearBackwardPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "linear-backward",
  kernel: linearBackwardKernel,
  python: linearBackwardPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "290b6fcb1dd188329f2c755bda2cd12941488daa850a4f75325cee8af4690843",
};
