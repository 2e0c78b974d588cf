import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { classificationMetricsKernel } from "./kernel.ts";
import { classificationMetricsPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "classification-metrics",
  kernel: classificationMetricsKernel,
  python: classificationMetricsPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "cc5753d56c00c7d5448ba3a78d89e83093e3f53d36cfd06a1779641ee3474052",
  starterCommentsZh: {
    'Build confusion[t][p] (true t, predicted p). "binary": precision/recall/F1 of class 1.':
      '构建 confusion[t][p]（真实类别 t，预测类别 p）。"binary"：类别 1 的 precision/recall/F1。',
    '"macro": per-class values averaged over all classes. A ratio with a zero denominator is 0.':
      '"macro"：各类别的值在所有类别上取平均。分母为零的比值记为 0。',
    'Build confusion[t, p] (true t, predicted p). average "binary": precision/recall/F1 of class 1.':
      '构建 confusion[t, p]（真实类别 t，预测类别 p）。average 为 "binary"：类别 1 的 precision/recall/F1。',
  },
  allowedZh: "Python 3 与 numpy；不能用 scikit-learn 的 metrics。",
};
