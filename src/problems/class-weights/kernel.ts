import { requireInteger, requireLabels } from "../../kernels/guards.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [labels: number[], numClasses: number];

/**
 * scikit-learn's "balanced" class weights: w_c = n_samples / (numClasses · count_c), so that
 * Σ_c w_c·count_c = n_samples and every class carries the same total weight. Like scikit-learn, a class
 * without samples is an error (its weight would be infinite).
 */
function classWeights(labels: number[], numClasses: number): number[] {
  requireInteger(numClasses, "numClasses", 1, 100_000);
  requireLabels(labels, "labels", numClasses);
  const counts = new Array<number>(numClasses).fill(0);
  for (const label of labels) counts[label]++;
  const missing = counts.indexOf(0);
  if (missing !== -1) throw new KernelInputError(`class ${missing} has no samples, so its weight is undefined`);
  return counts.map((count) => labels.length / (numClasses * count));
}

export const classWeightsKernel: KernelSpec<Args, number[]> = {
  id: "class-weights",
  functionName: "classWeights",
  signature: "function classWeights(labels: number[], numClasses: number): number[]",
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 7, performance: 0 },
  reference: classWeights,
  generate(kind, index, rng) {
    if (kind === "sample") return index === 0 ? [[0, 0, 0, 1], 2] : [[0, 1, 1, 2, 2, 2], 3];
    switch (index) {
      case 0:
        return [[0], 1]; // one class: weight 1
      case 1:
        return [[1, 0, 1, 0], 2]; // balanced already: all weights 1
      case 2: {
        // 1:99 imbalance
        const labels = Array.from({ length: 100 }, (_, i) => (i === 37 ? 1 : 0));
        return [labels, 2];
      }
      default: {
        const numClasses = rng.int(2, 8);
        // Every class appears at least once, then a skewed tail.
        const labels = Array.from({ length: numClasses }, (_, c) => c);
        const extra = rng.int(0, 80);
        for (let i = 0; i < extra; i++) labels.push(Math.min(numClasses - 1, Math.floor(numClasses * rng.unit() ** 2)));
        for (let i = labels.length - 1; i > 0; i--) {
          const j = rng.int(0, i);
          [labels[i], labels[j]] = [labels[j], labels[i]];
        }
        return [labels, numClasses];
      }
    }
  },
  starterCode: `function classWeights(labels: number[], numClasses: number): number[] {
  // "balanced" weights: weight of class c = labels.length / (numClasses * count of c).
  return new Array(numClasses).fill(1);
}
`,
  solutionCode: `function classWeights(labels: number[], numClasses: number): number[] {
  const counts = new Map<number, number>();
  for (const y of labels) counts.set(y, (counts.get(y) ?? 0) + 1);
  const weights: number[] = [];
  for (let c = 0; c < numClasses; c++) weights.push(labels.length / numClasses / (counts.get(c) ?? 0));
  return weights;
}
`,
};
