import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { kfoldIndicesKernel } from "./kernel.ts";
import { kfoldIndicesPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "kfold-indices",
  kernel: kfoldIndicesKernel,
  python: kfoldIndicesPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "8e85ab280a646554c2943aeb420961eecd53bb4d6c2ee6ff38c511399422304c",
};
