import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { dynamicBatchingKernel } from "./kernel.ts";
import { dynamicBatchingPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "dynamic-batching",
  kernel: dynamicBatchingKernel,
  python: dynamicBatchingPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "6d955d1f386556d848a7629239ad41d913207be0dbedefc6c3a49600013e4d35",
};
