import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { twoProportionZtestKernel } from "./kernel.ts";
import { twoProportionZtestPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "two-proportion-ztest",
  kernel: twoProportionZtestKernel,
  python: twoProportionZtestPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "52776104b138d85f25bfd0111aa73206656650acb7d3d6245dce9109a9a6e5e3",
  starterCommentsZh: {
    "Pooled rate p = (xc + xt) / (nc + nt); se = sqrt(p (1 - p) (1/nc + 1/nt)); z = (xt/nt - xc/nc) / se;":
      "合并比率 p = (xc + xt) / (nc + nt)；se = sqrt(p (1 - p) (1/nc + 1/nt))；z = (xt/nt - xc/nc) / se；",
    "two-sided pValue = 2 (1 - Phi(|z|)) = erfc(|z| / sqrt 2), accurate in relative terms far in the tail.":
      "双侧 pValue = 2 (1 - Phi(|z|)) = erfc(|z| / sqrt 2)，在远尾处仍保持相对精度。",
    'pValue < alpha: "promote" if z > 0, else "rollback".':
      'pValue < alpha 时：z > 0 为 "promote"，否则为 "rollback"。',
    'se = 0: z = 0, pValue = 1, "inconclusive".': 'se = 0 时：z = 0，pValue = 1，"inconclusive"。',
    'two-sided p_value = 2 (1 - Phi(|z|)). p_value < alpha: "promote" if z > 0, else "rollback".':
      '双侧 p_value = 2 (1 - Phi(|z|))。p_value < alpha 时：z > 0 为 "promote"，否则为 "rollback"。',
    'se = 0: z = 0, p_value = 1, "inconclusive".': 'se = 0 时：z = 0，p_value = 1，"inconclusive"。',
  },
  allowedZh: "Python 3 与 numpy、math（可以用 math.erf / math.erfc）；不能用 scipy.stats 或 statsmodels。",
};
