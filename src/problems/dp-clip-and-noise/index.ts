import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { dpClipAndNoiseKernel } from "./kernel.ts";
import { dpClipAndNoisePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "dp-clip-and-noise",
  kernel: dpClipAndNoiseKernel,
  python: dpClipAndNoisePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "cadefb55cceaac402bbd92e74391bde82788f14916b7ba9d7010b425f2d311cd",
};
