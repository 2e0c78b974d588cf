import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { continuousBatchingKernel } from "./kernel.ts";
import { continuousBatchingPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "continuous-batching-scheduler",
  kernel: continuousBatchingKernel,
  python: continuousBatchingPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "60bdcaeeb5f0ac1dd22dbea23a754771c12166f69b05a231e4268caf32c4f4bc",
};
