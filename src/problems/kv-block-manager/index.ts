import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { kvBlockManagerKernel } from "./kernel.ts";
import { kvBlockManagerPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "kv-block-manager",
  kernel: kvBlockManagerKernel,
  python: kvBlockManagerPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "4fa4cad2d379f72c0e95a6408743c9c9f03e024f31fde78e5a56cc29ad2ed9cb",
};
