import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { kvCacheBudgetKernel } from "./kernel.ts";
import { kvCacheBudgetPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "kv-cache-budget",
  kernel: kvCacheBudgetKernel,
  python: kvCacheBudgetPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "2192abb7aabc44ea661d60736481ed3f0ff222993f0d0cbb0874a39538e783fa",
};
