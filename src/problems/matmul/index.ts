import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { matmulKernel } from "./kernel.ts";
import { naive } from "./naive.ts";
import { matmulPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "matmul",
  kernel: matmulKernel,
  python: matmulPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  naive,
  pinnedTestHash: "bf144b399a9d7a1903485e219a572fe1e947e8fcf69e3d12ff53bc7e5d25342f",
};
