import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { onlineSoftmaxKernel } from "./kernel.ts";
import { onlineSoftmaxPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "online-softmax",
  kernel: onlineSoftmaxKernel,
  python: onlineSoftmaxPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "5ac2e5d15403662bb8290b15d9aecc5e8ed315153bd9291e30b47c362b0fd385",
};
