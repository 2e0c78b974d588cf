import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { gqaKvCacheAttentionKernel } from "./kernel.ts";
import { gqaKvCacheAttentionPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "gqa-kv-cache-attention",
  kernel: gqaKvCacheAttentionKernel,
  python: gqaKvCacheAttentionPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "3d4390c909bf37599d961ae1881934dd4e748a5474dd1599999a9b2da2901ac2",
};
