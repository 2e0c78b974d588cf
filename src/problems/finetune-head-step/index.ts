import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { finetuneHeadStepKernel } from "./kernel.ts";
import { finetuneHeadStepPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "finetune-head-step",
  kernel: finetuneHeadStepKernel,
  python: finetuneHeadStepPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "c6bfdc1e7f2bb3ef16bd3e8881b014095896d1d6b790b4f61b6d4c97f6539555",
};
