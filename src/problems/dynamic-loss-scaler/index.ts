import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { dynamicLossScalerKernel } from "./kernel.ts";
import { dynamicLossScalerPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "dynamic-loss-scaler",
  kernel: dynamicLossScalerKernel,
  python: dynamicLossScalerPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "dda75cb6116b0f9610366436675143e2ec16366835c0a1695c0ab40427baa717",
};
