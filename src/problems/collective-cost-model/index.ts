import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { collectiveCostKernel } from "./kernel.ts";
import { collectiveCostPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "collective-cost-model",
  kernel: collectiveCostKernel,
  python: collectiveCostPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "53051dbbc8dba90b0e051432a01df4bb8deebbfe60e3064e38a58e6cee4d2e6b",
};
