import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { luDecomposeKernel } from "./kernel.ts";
import { luDecomposePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "lu-decompose",
  kernel: luDecomposeKernel,
  python: luDecomposePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "cfffee7dc678c5201c3cd5abbabcc490f4c84bb5e255cb7aea261c6aa957a9a3",
};
