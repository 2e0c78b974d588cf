import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { successiveHalvingKernel } from "./kernel.ts";
import { successiveHalvingPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "successive-halving",
  kernel: successiveHalvingKernel,
  python: successiveHalvingPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "9ff34aa9ffa5f8eb8572500e21ce17d393a7628c43e78106ab0540d2c65c19f5",
};
