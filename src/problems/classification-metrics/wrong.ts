import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { classificationMetricsKernel } from "./kernel.ts";
import { classificationMetricsPython } from "./python.ts";

const { solutionCode } = classificationMetricsKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "macro F1 recomputed from macro precision and recall instead of averaging per-class F1", [
    [
      "f1: sums[2] / k,",
      "f1: sums[0] + sums[1] > 0 ? (2 * (sums[0] / k) * (sums[1] / k)) / (sums[0] / k + sums[1] / k) : 0,",
    ],
  ]),
  edited(solutionCode, "confusion matrix transposed: [predicted][true]", [
    ["confusion[t][yPred[i]] += 1;", "confusion[yPred[i]][t] += 1;"],
  ]),
  edited(solutionCode, "macro average over the classes that occur only", [
    [
      "Array.from({ length: numClasses }, (_, c) => c);",
      "Array.from({ length: numClasses }, (_, c) => c).filter((c) => yTrue.includes(c) || yPred.includes(c));",
    ],
  ]),
  edited(solutionCode, "binary scores reported for class 0 instead of class 1", [
    ['average === "binary" ? [1] :', 'average === "binary" ? [0] :'],
  ]),
  edited(solutionCode, "a zero denominator gives 1 instead of 0", [["(b > 0 ? a / b : 0)", "(b > 0 ? a / b : 1)"]]),
];

const pythonSolution = classificationMetricsPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "confusion matrix transposed (rows are predictions)", [
    ["np.add.at(confusion, (y_true, y_pred), 1)", "np.add.at(confusion, (y_pred, y_true), 1)"],
  ]),
  edited(pythonSolution, "macro F1 recomputed from macro precision and recall instead of averaging per-class F1", [
    [
      '"f1": float(f1[classes].mean()),',
      '"f1": float(2 * precision[classes].mean() * recall[classes].mean() / max(precision[classes].mean() + recall[classes].mean(), 1e-300)),',
    ],
  ]),
  edited(pythonSolution, "macro average over the classes that occur only", [
    [
      'classes = [1] if average == "binary" else list(range(num_classes))',
      'classes = [1] if average == "binary" else sorted(set(y_true.tolist()) | set(y_pred.tolist()))',
    ],
  ]),
  edited(pythonSolution, "binary metrics of class 0 instead of the positive class 1", [
    ['classes = [1] if average == "binary"', 'classes = [0] if average == "binary"'],
  ]),
  edited(pythonSolution, "precision and recall swapped (TP over actual vs over predicted)", [
    ["precision = np.divide(tp, predicted,", "precision = np.divide(tp, actual,"],
  ]),
];
