import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { conv2dKernel } from "./kernel.ts";
import { naive } from "./naive.ts";
import { conv2dPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "conv2d",
  kernel: conv2dKernel,
  python: conv2dPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  naive,
  pinnedTestHash: "3932937876168b6c723ab8708546a788524d53101d54cde755275835cec187ee",
};
