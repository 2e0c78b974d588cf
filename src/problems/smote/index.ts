import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { smoteKernel } from "./kernel.ts";
import { smotePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "smote",
  kernel: smoteKernel,
  python: smotePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "ecadba903bab7ad162c3bc5c6d7c1c9aa7e7e83eef03a0a39eba69f4dbaa7444",
};
