import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { routeTokensKernel } from "./kernel.ts";
import { routeTokensPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "moe-router-capacity",
  kernel: routeTokensKernel,
  python: routeTokensPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "0210fdbd1f0b95bc57a8a5376e76e79694475298dc0c2717e17f059abc17433f",
};
