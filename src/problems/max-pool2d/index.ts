import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { maxPool2dKernel } from "./kernel.ts";
import { maxPool2dPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "max-pool2d",
  kernel: maxPool2dKernel,
  python: maxPool2dPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "76013e328d083bace193b832b7a97b4c9f16df55e0facf2b59a5bf859a5186b9",
};
