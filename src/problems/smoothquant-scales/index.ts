import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { smoothquantScalesKernel } from "./kernel.ts";
import { smoothquantScalesPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "smoothquant-scales",
  kernel: smoothquantScalesKernel,
  python: smoothquantScalesPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "76fccbe0b3dc5a70e1e1cbd6c8aac599a096a376282a2deb4371493d3ccf8a29",
};
