import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { twoProportionZtestKernel } from "./kernel.ts";
import { twoProportionZtestPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "two-proportion-ztest",
  kernel: twoProportionZtestKernel,
  python: twoProportionZtestPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "52776104b138d85f25bfd0111aa73206656650acb7d3d6245dce9109a9a6e5e3",
};
