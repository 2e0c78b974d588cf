import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { quantizeInt8Kernel } from "./kernel.ts";
import { quantizeInt8Python } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "quantize-int8",
  kernel: quantizeInt8Kernel,
  python: quantizeInt8Python,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "7a4eb63fe9767b9996c5192887b8b7a30272ae0cbe6f2b639dd00987b4988c53",
};
