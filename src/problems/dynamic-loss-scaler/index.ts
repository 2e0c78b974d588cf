import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { dynamicLossScalerKernel } from "./kernel.ts";
import { dynamicLossScalerPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "dynamic-loss-scaler",
  kernel: dynamicLossScalerKernel,
  python: dynamicLossScalerPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "dda75cb6116b0f9610366436675143e2ec16366835c0a1695c0ab40427baa717",
  starterCommentsZh: {
    "For every step: does max|g| · scale overflow FP16 (or is it NaN / infinite)? Then skip and back off;":
      "对每一步：max|g| · scale 是否超出 FP16 范围（或为 NaN / 无穷大）？若是，则跳过这一步并减小 scale；",
    "otherwise step, and grow the scale after growthInterval clean steps in a row.":
      "否则正常更新，并在连续 growthInterval 个无溢出的步之后增大 scale。",
    "For every step: does max|g| * scale overflow FP16 (or is it NaN / inf)? Then skip and back off;":
      "对每一步：max|g| * scale 是否超出 FP16 范围（或为 NaN / inf）？若是，则跳过这一步并减小 scale；",
    "otherwise step, and grow the scale after growth_interval clean steps in a row.":
      "否则正常更新，并在连续 growth_interval 个无溢出的步之后增大 scale。",
  },
  allowedZh: "Python 3 与 numpy、math；不能用 torch（要重新实现的正是 torch.amp.GradScaler）。",
};
