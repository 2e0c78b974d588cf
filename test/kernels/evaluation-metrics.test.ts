import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { KernelInputError } from "../../src/kernels/types.ts";
import { classificationMetricsKernel } from "../../src/problems/classification-metrics/kernel.ts";
import { rocAucKernel } from "../../src/problems/roc-auc/kernel.ts";

// A failing property reports within 20 s instead of shrinking for minutes; a busy machine runs fewer cases in
// that time instead of failing (a counterexample found still fails the test, a slow machine does not).
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false });

const classificationMetrics = classificationMetricsKernel.reference;
const rocAuc = rocAucKernel.reference;

const labelledArb = fc.integer({ min: 2, max: 6 }).chain((numClasses) =>
  fc.integer({ min: 1, max: 50 }).chain((n) =>
    fc.record({
      numClasses: fc.constant(numClasses),
      yTrue: fc.array(fc.integer({ min: 0, max: numClasses - 1 }), { minLength: n, maxLength: n }),
      yPred: fc.array(fc.integer({ min: 0, max: numClasses - 1 }), { minLength: n, maxLength: n }),
    }),
  ),
);

/** Naive per-class counting, written independently of the reference's confusion-matrix route. */
function naiveScores(yTrue: number[], yPred: number[], positive: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yPred[i] === positive && yTrue[i] === positive) tp++;
    else if (yPred[i] === positive) fp++;
    else if (yTrue[i] === positive) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

describe("classification-metrics", () => {
  it("keeps every metric within [0, 1] and the confusion matrix consistent with the labels", () => {
    fc.assert(
      fc.property(labelledArb, ({ numClasses, yTrue, yPred }) => {
        const metrics = classificationMetrics(yTrue, yPred, numClasses, "macro");
        for (const value of [metrics.accuracy, metrics.precision, metrics.recall, metrics.f1]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
        const { confusion } = metrics;
        for (let c = 0; c < numClasses; c++) {
          expect(confusion[c].reduce((s, v) => s + v, 0)).toBe(yTrue.filter((t) => t === c).length);
          expect(confusion.reduce((s, row) => s + row[c], 0)).toBe(yPred.filter((p) => p === c).length);
        }
        const trace = confusion.reduce((s, row, c) => s + row[c], 0);
        expect(metrics.accuracy).toBe(trace / yTrue.length);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with naive per-class counting for binary and macro averaging", () => {
    fc.assert(
      fc.property(labelledArb, ({ numClasses, yTrue, yPred }) => {
        const macro = classificationMetrics(yTrue, yPred, numClasses, "macro");
        const perClass = Array.from({ length: numClasses }, (_, c) => naiveScores(yTrue, yPred, c));
        for (const key of ["precision", "recall", "f1"] as const) {
          expect(macro[key]).toBeCloseTo(perClass.reduce((s, scores) => s + scores[key], 0) / numClasses, 12);
        }
        const binaryTrue = yTrue.map((t) => t % 2);
        const binaryPred = yPred.map((p) => p % 2);
        const binary = classificationMetrics(binaryTrue, binaryPred, 2, "binary");
        const naive = naiveScores(binaryTrue, binaryPred, 1);
        expect(binary.precision).toBeCloseTo(naive.precision, 12);
        expect(binary.recall).toBeCloseTo(naive.recall, 12);
        expect(binary.f1).toBeCloseTo(naive.f1, 12);
      }),
      { numRuns: 300 },
    );
  });

  it("computes the worked examples and applies the zero-division rule", () => {
    expect(classificationMetrics([1, 0, 1, 1, 0, 1], [1, 0, 0, 1, 1, 1], 2, "binary")).toEqual({
      accuracy: 4 / 6,
      precision: 0.75,
      recall: 0.75,
      f1: 0.75,
      confusion: [
        [1, 1],
        [1, 3],
      ],
    });
    const macro = classificationMetrics([0, 1, 2, 2, 1, 0], [0, 2, 2, 1, 1, 0], 3, "macro");
    expect(macro.precision).toBeCloseTo(2 / 3, 15);
    expect(macro.f1).toBeCloseTo(2 / 3, 15);
    // No positive labels or predictions: precision, recall and F1 are 0 by rule, accuracy is 1.
    expect(classificationMetrics([0, 0], [0, 0], 2, "binary")).toMatchObject({
      accuracy: 1,
      precision: 0,
      recall: 0,
      f1: 0,
    });
    // Classes that never occur still count in the macro mean (with 0).
    expect(classificationMetrics([0, 1], [0, 1], 4, "macro")).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it("compares the confusion matrix exactly and the scores within tolerance", () => {
    const want = classificationMetrics([1, 0, 1], [1, 1, 1], 2, "binary");
    const nudged = { ...want, f1: want.f1 + 1e-13 };
    expect(classificationMetricsKernel.check?.(nudged, want, classificationMetricsKernel.tolerance)).toEqual({
      ok: true,
    });
    const badCounts = {
      ...want,
      confusion: [
        [0, 1],
        [0, 2.0000001],
      ],
    };
    expect(classificationMetricsKernel.check?.(badCounts, want, classificationMetricsKernel.tolerance).ok).toBe(false);
  });

  it("rejects bad labels, lengths and averaging", () => {
    expect(() => classificationMetrics([0, 1], [0], 2, "binary")).toThrow(/length/);
    expect(() => classificationMetrics([0, 2], [0, 1], 2, "binary")).toThrow(/yTrue\[1\]/);
    expect(() => classificationMetrics([0, 1, 2], [0, 1, 2], 3, "binary")).toThrow(/numClasses = 2/);
    expect(() => classificationMetrics([], [], 2, "macro")).toThrow(/empty/);
    expect(() => classificationMetrics([0.5], [0], 2, "macro")).toThrow(KernelInputError);
    expect(() => classificationMetrics([0], [0], 2, "micro" as "macro")).toThrow(/average/);
  });
});

describe("roc-auc", () => {
  const scoredArb = fc
    .array(
      fc.record({ label: fc.integer({ min: 0, max: 1 }), score: fc.integer({ min: -5, max: 5 }).map((v) => v / 4) }),
      {
        minLength: 2,
        maxLength: 60,
      },
    )
    .filter((items) => items.some((i) => i.label === 1) && items.some((i) => i.label === 0));

  /** The definition: fraction of (positive, negative) pairs ranked correctly, ties counting one half. */
  function pairwiseAuc(labels: number[], scores: number[]): number {
    let wins = 0;
    let pairs = 0;
    labels.forEach((li, i) => {
      if (li !== 1) return;
      labels.forEach((lj, j) => {
        if (lj !== 0) return;
        pairs++;
        wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      });
    });
    return wins / pairs;
  }

  it("equals the pairwise-ranking definition with ties counted half", () => {
    fc.assert(
      fc.property(scoredArb, (items) => {
        const labels = items.map((i) => i.label);
        const scores = items.map((i) => i.score);
        expect(rocAuc(labels, scores)).toBeCloseTo(pairwiseAuc(labels, scores), 12);
      }),
      { numRuns: 400 },
    );
  });

  it("lies in [0, 1], flips to 1 − AUC when scores are negated, and ignores monotone rescaling", () => {
    fc.assert(
      fc.property(scoredArb, (items) => {
        const labels = items.map((i) => i.label);
        const scores = items.map((i) => i.score);
        const auc = rocAuc(labels, scores);
        expect(auc).toBeGreaterThanOrEqual(0);
        expect(auc).toBeLessThanOrEqual(1);
        expect(
          rocAuc(
            labels,
            scores.map((s) => -s),
          ),
        ).toBeCloseTo(1 - auc, 12);
        expect(
          rocAuc(
            labels,
            scores.map((s) => Math.exp(s)),
          ),
        ).toBeCloseTo(auc, 12);
      }),
      { numRuns: 200 },
    );
  });

  it("computes the worked examples and rejects single-class labels", () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(rocAuc([1, 0, 1, 0, 1], [0.9, 0.5, 0.5, 0.2, 0.7])).toBeCloseTo(5.5 / 6, 15);
    expect(rocAuc([0, 1], [0.3, 0.3])).toBe(0.5);
    expect(() => rocAuc([1, 1], [0.1, 0.2])).toThrow(/one positive and one negative/);
    expect(() => rocAuc([0, 2], [0.1, 0.2])).toThrow(KernelInputError);
    expect(() => rocAuc([0, 1], [0.1])).toThrow(/length/);
    expect(() => rocAuc([0, 1], [0.1, Number.NaN])).toThrow(KernelInputError);
  });
});
