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
  pinnedTestHash: "2191b74b828298cb25b56d3d984f375a608f6597f055e0b14da59352601b4477",
};
