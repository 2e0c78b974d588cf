import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { tensorParallelMlpKernel } from "./kernel.ts";
import { tensorParallelMlpPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "tensor-parallel-mlp",
  kernel: tensorParallelMlpKernel,
  python: tensorParallelMlpPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "9fc3e5dd10626c8f5e649661b3b083ac9f604b63d6da48c96977c125764b3200",
};
