import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { zeroMemoryPlannerKernel } from "./kernel.ts";
import { zeroMemoryPlannerPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "zero-memory-planner",
  kernel: zeroMemoryPlannerKernel,
  python: zeroMemoryPlannerPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "a3daed7b2ae19247194202d251936bf499e1449aa03ae35a42becb819cc94ce2",
};
