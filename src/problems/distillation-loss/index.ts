import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { distillationLossKernel } from "./kernel.ts";
import { distillationLossPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "distillation-loss",
  kernel: distillationLossKernel,
  python: distillationLossPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "2458febb7efb27d6d5fb14d0aa98b02f908c06bbc8b152e0b4bf12d4a7e7549e",
};
