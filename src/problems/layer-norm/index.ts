import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { layerNormKernel } from "./kernel.ts";
import { layerNormPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "layer-norm",
  kernel: layerNormKernel,
  python: layerNormPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "37caf5fb68d959bffb42a7bfaf9c0249aab6224f24c15d1484427202bfaa296e",
};
