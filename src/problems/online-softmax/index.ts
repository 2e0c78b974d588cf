import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { onlineSoftmaxKernel } from "./kernel.ts";
import { onlineSoftmaxPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "online-softmax",
  kernel: onlineSoftmaxKernel,
  python: onlineSoftmaxPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "3cb150e454685120bde6b964823843db228dc2f522c8a03f581f1b7edc9cb2e5",
};
