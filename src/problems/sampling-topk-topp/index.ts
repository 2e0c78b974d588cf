import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { samplingTopkToppKernel } from "./kernel.ts";
import { samplingTopkToppPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "sampling-topk-topp",
  kernel: samplingTopkToppKernel,
  python: samplingTopkToppPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "166ba58f99f95ce1d764bbe0205beddf04384e115a84faacd3f08ccde926b22d",
};
