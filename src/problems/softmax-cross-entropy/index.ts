import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { softmaxCrossEntropyKernel } from "./kernel.ts";
import { softmaxCrossEntropyPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "softmax-cross-entropy",
  kernel: softmaxCrossEntropyKernel,
  python: softmaxCrossEntropyPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "a1b272caf477f08568ef4580274b21babed9a2e17776a31f05e742812e035f3b",
};
