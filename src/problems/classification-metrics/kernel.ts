import { compareValues } from "../../kernels/compare.ts";
import { requireInteger, requireLabels, requireSameLength } from "../../kernels/guards.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type Averaging = "binary" | "macro";
type Args = [yTrue: number[], yPred: number[], numClasses: number, average: Averaging];
export type ClassificationMetrics = {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  confusion: number[][];
};

/** A ratio whose denominator is zero is defined as 0 (scikit-learn's zero_division=0). */
const ratio = (numerator: number, denominator: number): number => (denominator === 0 ? 0 : numerator / denominator);

/**
 * confusion[t][p] counts samples of true class t predicted as p. "binary" reports precision, recall and F1
 * of class 1 (numClasses must be 2); "macro" reports the unweighted mean over all numClasses classes of
 * each class's precision, recall and F1 (F1 averaged per class, not recomputed from the means).
 */
function classificationMetrics(
  yTrue: number[],
  yPred: number[],
  numClasses: number,
  average: Averaging,
): ClassificationMetrics {
  requireInteger(numClasses, "numClasses", 2, 1000);
  if (average !== "binary" && average !== "macro") throw new KernelInputError(`average must be "binary" or "macro"`);
  if (average === "binary" && numClasses !== 2) {
    throw new KernelInputError(`binary averaging needs numClasses = 2, got ${numClasses}`);
  }
  requireLabels(yTrue, "yTrue", numClasses);
  requireLabels(yPred, "yPred", numClasses);
  requireSameLength(yTrue, yPred, "yTrue", "yPred");
  if (yTrue.length === 0) throw new KernelInputError("yTrue must not be empty");
  const confusion = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) confusion[yTrue[i]][yPred[i]]++;
  let correct = 0;
  for (let c = 0; c < numClasses; c++) correct += confusion[c][c];
  const perClass = (c: number) => {
    let predicted = 0;
    let actual = 0;
    for (let k = 0; k < numClasses; k++) {
      predicted += confusion[k][c];
      actual += confusion[c][k];
    }
    const precision = ratio(confusion[c][c], predicted);
    const recall = ratio(confusion[c][c], actual);
    return { precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
  };
  const accuracy = correct / yTrue.length;
  if (average === "binary") return { accuracy, ...perClass(1), confusion };
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  for (let c = 0; c < numClasses; c++) {
    const scores = perClass(c);
    precision += scores.precision;
    recall += scores.recall;
    f1 += scores.f1;
  }
  return { accuracy, precision: precision / numClasses, recall: recall / numClasses, f1: f1 / numClasses, confusion };
}

export const classificationMetricsKernel: KernelSpec<Args, ClassificationMetrics> = {
  id: "classification-metrics",
  functionName: "classificationMetrics",
  signature:
    'function classificationMetrics(yTrue: number[], yPred: number[], numClasses: number, average: "binary" | "macro"): { accuracy: number; precision: number; recall: number; f1: number; confusion: number[][] }',
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: classificationMetrics,
  generate(kind, index, rng) {
    if (kind === "sample") {
      return index === 0
        ? [[1, 0, 1, 1, 0, 1], [1, 0, 0, 1, 1, 1], 2, "binary"]
        : [[0, 1, 2, 2, 1, 0], [0, 2, 2, 1, 1, 0], 3, "macro"];
    }
    switch (index) {
      case 0:
        return [[0, 0, 0], [0, 0, 0], 2, "binary"]; // no positives anywhere: every ratio is 0 by the rule
      case 1:
        return [[1], [1], 2, "binary"];
      case 2:
        return [[0, 1, 0, 1], [0, 1, 0, 1], 4, "macro"]; // classes 2 and 3 never occur
      case 3:
        return [[2, 2, 2], [0, 1, 0], 3, "macro"]; // nothing right
      default: {
        const numClasses = index % 2 === 0 ? 2 : rng.int(3, 6);
        const n = rng.int(1, 60);
        const yTrue = Array.from({ length: n }, () => rng.int(0, numClasses - 1));
        // Mostly right predictions, like a real classifier.
        const yPred = yTrue.map((label) => (rng.unit() < 0.7 ? label : rng.int(0, numClasses - 1)));
        return [yTrue, yPred, numClasses, numClasses === 2 && rng.unit() < 0.5 ? "binary" : "macro"];
      }
    }
  },
  check(got, want, tolerance) {
    if (typeof got !== "object" || got === null) return { ok: false, message: "result must be an object" };
    const confusion = compareValues((got as { confusion?: unknown }).confusion, want.confusion, {
      ...tolerance,
      exact: true,
    });
    if (!confusion.ok) return { ok: false, message: `confusion: ${confusion.message}` };
    const { confusion: _counts, ...scores } = want;
    return compareValues(got, scores, tolerance);
  },
  starterCode: `function classificationMetrics(
  yTrue: number[],
  yPred: number[],
  numClasses: number,
  average: "binary" | "macro",
): { accuracy: number; precision: number; recall: number; f1: number; confusion: number[][] } {
  // Build confusion[t][p] (true t, predicted p). "binary": precision/recall/F1 of class 1.
  // "macro": per-class values averaged over all classes. A ratio with a zero denominator is 0.
  const confusion = Array.from({ length: numClasses }, () => new Array(numClasses).fill(0));
  return { accuracy: 0, precision: 0, recall: 0, f1: 0, confusion };
}
`,
  solutionCode: `function classificationMetrics(
  yTrue: number[],
  yPred: number[],
  numClasses: number,
  average: "binary" | "macro",
): { accuracy: number; precision: number; recall: number; f1: number; confusion: number[][] } {
  const confusion: number[][] = [];
  for (let i = 0; i < numClasses; i++) confusion.push(new Array(numClasses).fill(0));
  yTrue.forEach((t, i) => {
    confusion[t][yPred[i]] += 1;
  });
  const safe = (a: number, b: number) => (b > 0 ? a / b : 0);
  const stats = (c: number) => {
    const tp = yTrue.filter((t, i) => t === c && yPred[i] === c).length;
    const fp = yPred.filter((p, i) => p === c && yTrue[i] !== c).length;
    const fn = yTrue.filter((t, i) => t === c && yPred[i] !== c).length;
    const p = safe(tp, tp + fp);
    const r = safe(tp, tp + fn);
    return [p, r, safe(2 * p * r, p + r)];
  };
  const accuracy = yTrue.filter((t, i) => t === yPred[i]).length / yTrue.length;
  const classes = average === "binary" ? [1] : Array.from({ length: numClasses }, (_, c) => c);
  const sums = [0, 0, 0];
  for (const c of classes) stats(c).forEach((v, k) => (sums[k] += v));
  const k = classes.length;
  return { accuracy, precision: sums[0] / k, recall: sums[1] / k, f1: sums[2] / k, confusion };
}
`,
};
