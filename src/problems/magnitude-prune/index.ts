import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { magnitudePruneKernel } from "./kernel.ts";
import { magnitudePrunePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "magnitude-prune",
  kernel: magnitudePruneKernel,
  python: magnitudePrunePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "17068f4d7c3f1e305b3de71c2e5210556584956f339d765ce46da0a1bfdaf9b1",
};
