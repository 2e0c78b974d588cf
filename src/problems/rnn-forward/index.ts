import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { rnnForwardKernel } from "./kernel.ts";
import { rnnForwardPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "rnn-forward",
  kernel: rnnForwardKernel,
  python: rnnForwardPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "13c61db98b9aa9402b6d025d98df758e699fb8953b341f4f96a365c0ea2e1dc8",
};
