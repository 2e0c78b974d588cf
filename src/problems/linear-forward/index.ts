import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { linearForwardKernel } from "./kernel.ts";
import { linearForwardPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "linear-forward",
  kernel: linearForwardKernel,
  python: linearForwardPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "7402549b2445ca0b3b094a8601c9f4152c70f1897e2a7f80cc9e19c0e75806e1",
};
