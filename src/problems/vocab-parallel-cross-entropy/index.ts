import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { vocabParallelCrossEntropyKernel } from "./kernel.ts";
import { vocabParallelCrossEntropyPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "vocab-parallel-cross-entropy",
  kernel: vocabParallelCrossEntropyKernel,
  python: vocabParallelCrossEntropyPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "969c1bba960f7826f6a5dae36c5ed9ba513ae27fda20d420312399ff845dc091",
};
