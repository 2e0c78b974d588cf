import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { classificationMetricsKernel } from "./kernel.ts";
import { classificationMetricsPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "classification-metrics",
  kernel: classificationMetricsKernel,
  python: classificationMetricsPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "cc5753d56c00c7d5448ba3a78d89e83093e3f53d36cfd06a1779641ee3474052",
};
