import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { fp8E4m3CastKernel } from "./kernel.ts";
import { fp8E4m3CastPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "fp8-e4m3-cast",
  kernel: fp8E4m3CastKernel,
  python: fp8E4m3CastPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "0bbe3e11407379d1e12a0e8814075185eb5dcd4c3c49b02c7f0d2e68ab2ab702",
};
