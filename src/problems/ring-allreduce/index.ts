import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { ringAllreduceKernel } from "./kernel.ts";
import { ringAllreducePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "ring-allreduce",
  kernel: ringAllreduceKernel,
  python: ringAllreducePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "27de229de6a96bfc4feb9148dfd81acbe05bb1e0d1082331ec9a82d17905fe50",
};
