import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { earlyStoppingKernel } from "./kernel.ts";
import { earlyStoppingPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "early-stopping",
  kernel: earlyStoppingKernel,
  python: earlyStoppingPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "adaf44dfb9e49bcd1ba12278430abe724b85499237152205ea006a37702eb1e8",
};
