import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { pipelineScheduleKernel } from "./kernel.ts";
import { pipelineSchedulePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "pipeline-schedule",
  kernel: pipelineScheduleKernel,
  python: pipelineSchedulePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "c394452981457e00feb20ef3b7e13fd56423d5fa4bfad6a75f4a2c6f8f1647c9",
};
