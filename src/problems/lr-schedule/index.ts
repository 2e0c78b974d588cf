import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { lrScheduleKernel } from "./kernel.ts";
import { lrSchedulePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "lr-schedule",
  kernel: lrScheduleKernel,
  python: lrSchedulePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "b04c7a4403c799fb2f6b2d91327d14372cb2d9fea2aee3436496e362748688ee",
};
