import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { twoProportionZtestKernel } from "./kernel.ts";
import { twoProportionZtestPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "two-proportion-ztest",
  kernel: twoProportionZtestKernel,
  python: twoProportionZtestPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "f3cc52af109a6f2b4601414a459c626d94041559719949e2abc9bbe2444a3da2",
};
