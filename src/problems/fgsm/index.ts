import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { fgsmKernel } from "./kernel.ts";
import { fgsmPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "fgsm",
  kernel: fgsmKernel,
  python: fgsmPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "f1113a7386e9b302a465146a9a4cfd72ac5a99cd297fb4f38bb571fe26a35e58",
};
