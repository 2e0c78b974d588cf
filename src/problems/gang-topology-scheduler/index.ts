import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { gangTopologySchedulerKernel } from "./kernel.ts";
import { gangTopologySchedulerPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "gang-topology-scheduler",
  kernel: gangTopologySchedulerKernel,
  python: gangTopologySchedulerPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "35ea67846d8659db64e8a4ca72ae1afd9c626dc0ce021cd41918e84094f80f8a",
};
