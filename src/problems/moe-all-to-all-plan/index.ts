import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { moeAllToAllPlanKernel } from "./kernel.ts";
import { moeAllToAllPlanPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "moe-all-to-all-plan",
  kernel: moeAllToAllPlanKernel,
  python: moeAllToAllPlanPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "d6cc3919ca66f89d12b7a192f06a2acc707ce2830b8b160234661316f4811b44",
};
