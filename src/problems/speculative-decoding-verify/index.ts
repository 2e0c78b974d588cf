import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { speculativeDecodingVerifyKernel } from "./kernel.ts";
import { speculativeDecodingVerifyPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "speculative-decoding-verify",
  kernel: speculativeDecodingVerifyKernel,
  python: speculativeDecodingVerifyPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "865b201e712be68adac78600240258b958b535c46cda23b75853c5688c99f8cc",
};
