import { matrix, requireLabels } from "../../kernels/guards.ts";
import { logSumExp, roundedMatrix, softmaxRow } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";

type Args = [logits: number[][], targets: number[]];
export type SoftmaxCrossEntropyResult = { loss: number; grad: number[][] };

/**
 * Mean cross-entropy of softmax(logits) against integer class targets, and its gradient with respect to the
 * logits: loss = (1/N) Σ_i (logsumexp(z_i) − z_i[t_i]), grad_i = (softmax(z_i) − onehot(t_i)) / N.
 * Uses log-sum-exp so large logits neither overflow nor lose the loss to log(0).
 */
export function softmaxCrossEntropy(logits: number[][], targets: number[]): SoftmaxCrossEntropyResult {
  matrix(logits, "logits");
  const batch = logits.length;
  requireLabels(targets, "targets", logits[0].length, batch);
  let loss = 0;
  const grad = logits.map((row, i) => {
    loss += logSumExp(row) - row[targets[i]];
    const g = softmaxRow(row);
    g[targets[i]] -= 1;
    return g.map((v) => v / batch);
  });
  return { loss: loss / batch, grad };
}

export const softmaxCrossEntropyKernel: KernelSpec<Args, SoftmaxCrossEntropyResult> = {
  id: "softmax-cross-entropy",
  functionName: "softmaxCrossEntropy",
  signature: "function softmaxCrossEntropy(logits: number[][], targets: number[]): { loss: number; grad: number[][] }",
  tolerance: { atol: 1e-9, rtol: 1e-7 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: softmaxCrossEntropy,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [2, 1, 0.1],
            [0.5, 2.5, 0.3],
          ],
          [0, 2],
        ];
      return [roundedMatrix(rng.matrix(3, 4, -2, 2)), [rng.int(0, 3), rng.int(0, 3), rng.int(0, 3)]];
    }
    switch (index) {
      case 0:
        return [[[0, 0, 0, 0]], [3]]; // uniform logits (all tied): loss = ln 4
      case 1:
        return [
          [
            [1000, 0, -1000],
            [-800, 800, 0],
          ],
          [0, 0],
        ]; // huge logits: naive exp overflows
      case 2:
        return [[[3.5]], [0]]; // a single class: loss 0, gradient 0
      case 3:
        return [
          [
            [5, 5],
            [-1, -1],
            [0, 40],
          ],
          [1, 0, 0],
        ]; // ties and a confidently wrong prediction
      default: {
        const batch = rng.int(1, 16);
        const classes = rng.int(2, 10);
        return [rng.matrix(batch, classes, -6, 6), Array.from({ length: batch }, () => rng.int(0, classes - 1))];
      }
    }
  },
  starterCode: `function softmaxCrossEntropy(logits: number[][], targets: number[]): { loss: number; grad: number[][] } {
  // logits is N×C; targets[i] is the correct class of row i (an integer in [0, C)).
  // loss = mean over rows of -log(softmax(logits[i])[targets[i]]);
  // grad[i][c] = (softmax(logits[i])[c] - (c === targets[i] ? 1 : 0)) / N.
  // Keep it stable for large logits.
  return { loss: 0, grad: logits.map((row) => row.map(() => 0)) };
}
`,
  solutionCode: `function softmaxCrossEntropy(logits: number[][], targets: number[]): { loss: number; grad: number[][] } {
  const n = logits.length;
  let total = 0;
  const grad = logits.map((row, i) => {
    const shift = Math.max(...row);
    const exps = row.map((z) => Math.exp(z - shift));
    const sum = exps.reduce((a, e) => a + e, 0);
    total += Math.log(sum) + shift - row[targets[i]];
    return exps.map((e, c) => (e / sum - (c === targets[i] ? 1 : 0)) / n);
  });
  return { loss: total / n, grad };
}
`,
};
