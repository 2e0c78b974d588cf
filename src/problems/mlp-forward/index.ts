import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { mlpForwardKernel } from "./kernel.ts";
import { mlpForwardPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "mlp-forward",
  kernel: mlpForwardKernel,
  python: mlpForwardPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "16d86f3bbda8504156b72f97f95c7ce1ccdad123627125ed50d5583c2a324f87",
};
