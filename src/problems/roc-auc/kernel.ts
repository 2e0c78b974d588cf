import { requireLabels, requireSameLength, requireVector } from "../../kernels/guards.ts";
import { round2 } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [labels: number[], scores: number[]];

/**
 * Area under the ROC curve via the Mann–Whitney statistic: the probability that a random positive
 * scores above a random negative, a tie counting one half. Tied scores share their average rank, which
 * gives exactly that half, in O(n log n).
 */
function rocAuc(labels: number[], scores: number[]): number {
  requireLabels(labels, "labels", 2);
  requireVector(scores, "scores");
  requireSameLength(labels, scores, "labels", "scores");
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end++;
    const averageRank = (start + end) / 2 + 1; // ranks are 1-based
    for (let k = start; k <= end; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new KernelInputError("ROC-AUC needs at least one positive and one negative label");
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export const rocAucKernel: KernelSpec<Args, number> = {
  id: "roc-auc",
  functionName: "rocAuc",
  signature: "function rocAuc(labels: number[], scores: number[]): number",
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: rocAuc,
  generate(kind, index, rng) {
    if (kind === "sample") {
      return index === 0
        ? [
            [0, 0, 1, 1],
            [0.1, 0.4, 0.35, 0.8],
          ]
        : [
            [1, 0, 1, 0, 1],
            [0.9, 0.5, 0.5, 0.2, 0.7],
          ];
    }
    switch (index) {
      case 0:
        return [
          [0, 1],
          [0.3, 0.3],
        ]; // one tie: 0.5
      case 1:
        return [
          [1, 1, 0],
          [0.1, 0.2, 0.9],
        ]; // perfectly wrong: 0
      case 2:
        return [
          [0, 1, 0, 1, 1],
          [-2, 5, -1, 3, 4],
        ]; // perfect, negative scores included
      case 3:
        return [
          [1, 0, 1, 0, 1, 0],
          [1, 1, 1, 1, 1, 1],
        ]; // all tied
      default: {
        const n = rng.int(2, 200);
        const labels = Array.from({ length: n }, (_, i) => (i < 2 ? i : rng.int(0, 1)));
        // Coarse scores (few distinct values) for many ties, or fine ones that depend on the label.
        const coarse = index % 2 === 0;
        const scores = labels.map((label) =>
          coarse ? rng.int(0, 5) / 5 : round2(rng.normal(label === 1 ? 0.8 : 0, 1)),
        );
        return [labels, scores];
      }
    }
  },
  starterCode: `function rocAuc(labels: number[], scores: number[]): number {
  // The probability that a randomly chosen positive (label 1) scores higher than a randomly chosen
  // negative (label 0); a tie counts 1/2. Sorting by score gives O(n log n).
  return 0;
}
`,
  solutionCode: `function rocAuc(labels: number[], scores: number[]): number {
  // Sweep thresholds from the highest score down, adding trapezoids of the ROC curve.
  const idx = labels.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const P = labels.filter((l) => l === 1).length;
  const N = labels.length - P;
  let tp = 0;
  let fp = 0;
  let area = 0;
  let i = 0;
  while (i < idx.length) {
    const s = scores[idx[i]];
    let dtp = 0;
    let dfp = 0;
    while (i < idx.length && scores[idx[i]] === s) {
      if (labels[idx[i]] === 1) dtp++;
      else dfp++;
      i++;
    }
    area += dfp * (tp + dtp / 2);
    tp += dtp;
    fp += dfp;
  }
  return area / (P * N);
}
`,
};
