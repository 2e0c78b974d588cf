import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { rmsNormFusedResidualKernel } from "./kernel.ts";
import { rmsNormFusedResidualPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "rmsnorm-fused-residual",
  kernel: rmsNormFusedResidualKernel,
  python: rmsNormFusedResidualPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "5d620b8ae7e68393e5c2b9a309b29849ad14c4c9f4d64937c2c9dc9c8ca7e691",
};
