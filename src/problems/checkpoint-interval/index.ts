import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { checkpointIntervalKernel } from "./kernel.ts";
import { checkpointIntervalPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "checkpoint-interval",
  kernel: checkpointIntervalKernel,
  python: checkpointIntervalPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "a34247d30d865371bf98c611348a28b1b09156421c3f25d301ddadd25361c9ec",
};
