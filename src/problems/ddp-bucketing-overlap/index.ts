import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { ddpOverlapKernel } from "./kernel.ts";
import { ddpOverlapPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "ddp-bucketing-overlap",
  kernel: ddpOverlapKernel,
  python: ddpOverlapPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "017a224508fd853583a90ec149c0d64593bd7fb73d750a901902e55cc05a82ba",
};
