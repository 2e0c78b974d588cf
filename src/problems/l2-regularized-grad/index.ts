import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { l2RegularizedGradKernel } from "./kernel.ts";
import { l2RegularizedGradPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "l2-regularized-grad",
  kernel: l2RegularizedGradKernel,
  python: l2RegularizedGradPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "4e132960ec81ff285008d141c566a98ecadbb016652cfe3201c39a1591a7cc5c",
};
