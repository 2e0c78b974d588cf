import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { rooflineKernel } from "./kernel.ts";
import { rooflinePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "roofline",
  kernel: rooflineKernel,
  python: rooflinePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "b88a5ddd3ef126155f1749d179d25ead3c00ebe3c98b2248532ab8af96eeaf54",
};
