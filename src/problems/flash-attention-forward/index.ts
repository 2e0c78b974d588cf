import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { flashAttentionForwardKernel } from "./kernel.ts";
import { naive } from "./naive.ts";
import { flashAttentionForwardPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "flash-attention-forward",
  kernel: flashAttentionForwardKernel,
  python: flashAttentionForwardPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  naive,
  pinnedTestHash: "febe7a27a98dc262d7ab1f993ed89df38313f674b7e80fa43a35f04806f7f6dc",
};
