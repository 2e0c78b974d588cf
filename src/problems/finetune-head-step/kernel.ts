import { matrix, requireFinite, requireLabels, requireVector } from "../../kernels/guards.ts";
import { roundedMatrix } from "../../kernels/numeric.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";
import { softmaxCrossEntropy } from "../softmax-cross-entropy/kernel.ts";

type Args = [features: number[][], targets: number[], W: number[][], b: number[], lr: number];
export type FinetuneStepResult = { W: number[][]; b: number[]; loss: number };

/**
 * One SGD step on a linear softmax head over frozen backbone features: logits = F·W + b (F N×D, W D×C),
 * loss = mean cross-entropy BEFORE the step, G = (softmax − onehot)/N, W ← W − lr·Fᵀ·G, b ← b − lr·Σ_i G_i.
 * The features are not updated (the backbone is frozen). Inputs are not mutated.
 */
export function finetuneHeadStep(
  features: number[][],
  targets: number[],
  W: number[][],
  b: number[],
  lr: number,
): FinetuneStepResult {
  const dim = matrix(features, "features")[0].length;
  const classes = matrix(W, "W", dim)[0].length;
  requireVector(b, "b", { length: classes });
  requireLabels(targets, "targets", classes, features.length);
  requireFinite(lr, "lr");
  if (lr < 0) throw new KernelInputError(`lr must be ≥ 0, got ${lr}`);
  const logits = features.map((f) => b.map((bias, c) => f.reduce((acc, v, d) => acc + v * W[d][c], bias)));
  const { loss, grad } = softmaxCrossEntropy(logits, targets);
  const newW = W.map((row, d) =>
    row.map((w, c) => w - lr * grad.reduce((acc, g, i) => acc + features[i][d] * g[c], 0)),
  );
  const newB = b.map((bias, c) => bias - lr * grad.reduce((acc, g) => acc + g[c], 0));
  return { W: newW, b: newB, loss };
}

function randomCase(rng: Rng, n: number, dim: number, classes: number): Args {
  return [
    rng.matrix(n, dim, -2, 2),
    Array.from({ length: n }, () => rng.int(0, classes - 1)),
    rng.matrix(dim, classes, -0.5, 0.5),
    rng.floats(classes, -0.1, 0.1),
    rng.pick([0.01, 0.1, 0.5, 1]),
  ];
}

export const finetuneHeadStepKernel: KernelSpec<Args, FinetuneStepResult> = {
  id: "finetune-head-step",
  functionName: "finetuneHeadStep",
  signature:
    "function finetuneHeadStep(features: number[][], targets: number[], W: number[][], b: number[], lr: number): { W: number[][]; b: number[]; loss: number }",
  tolerance: { atol: 1e-9, rtol: 1e-7 },
  testCounts: { sample: 2, hidden: 9, performance: 0 },
  reference: finetuneHeadStep,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [1, 0],
            [0, 1],
          ],
          [0, 1],
          [
            [0, 0],
            [0, 0],
          ],
          [0, 0],
          0.5,
        ];
      const [features, targets, W] = randomCase(rng, 3, 2, 3);
      return [roundedMatrix(features), targets, roundedMatrix(W), [0, 0, 0], 0.1];
    }
    switch (index) {
      case 0:
        return randomCase(rng, 1, 1, 2); // one example, one feature
      case 1: {
        const [features, targets, W, b] = randomCase(rng, 4, 3, 3);
        return [features, targets, W, b, 0]; // lr 0: the head is unchanged, only the loss is reported
      }
      case 2:
        return [
          [
            [0, 0],
            [0, 0],
          ],
          [1, 0],
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          [0, 0, 0],
          1,
        ]; // zero features: only b moves
      case 3:
        return [
          [[30, -30]],
          [1],
          [
            [1, -1],
            [-1, 1],
          ],
          [0, 0],
          0.1,
        ]; // confident and wrong: large logits
      case 4:
        return [
          [
            [400, -400],
            [-360, 365],
          ],
          [1, 0],
          [
            [1, -1],
            [-1, 1],
          ],
          [0, 0],
          0.001,
        ]; // logits ±800 and ±725: exp overflows without the max shift
      default:
        return randomCase(rng, rng.int(1, 16), rng.int(1, 10), rng.int(2, 6));
    }
  },
  starterCode: `function finetuneHeadStep(
  features: number[][],
  targets: number[],
  W: number[][],
  b: number[],
  lr: number,
): { W: number[][]; b: number[]; loss: number } {
  // features (N×D) come from a frozen backbone; the head is logits = features·W + b with W D×C.
  // loss = mean softmax cross-entropy against targets, computed BEFORE the update.
  // One SGD step: W - lr * dLoss/dW and b - lr * dLoss/db. Return new arrays (do not modify W or b).
  return { W: W.map((row) => row.slice()), b: b.slice(), loss: 0 };
}
`,
  solutionCode: `function finetuneHeadStep(
  features: number[][],
  targets: number[],
  W: number[][],
  b: number[],
  lr: number,
): { W: number[][]; b: number[]; loss: number } {
  const n = features.length;
  const classes = b.length;
  const newW = W.map((row) => row.slice());
  const newB = b.slice();
  let loss = 0;
  features.forEach((f, i) => {
    const logits = b.map((bias, c) => f.reduce((acc, v, d) => acc + v * W[d][c], bias));
    const top = Math.max(...logits);
    const exps = logits.map((z) => Math.exp(z - top));
    const total = exps.reduce((a, e) => a + e, 0);
    loss += top + Math.log(total) - logits[targets[i]];
    for (let c = 0; c < classes; c++) {
      const g = (exps[c] / total - (c === targets[i] ? 1 : 0)) / n;
      newB[c] -= lr * g;
      for (let d = 0; d < f.length; d++) newW[d][c] -= lr * f[d] * g;
    }
  });
  return { W: newW, b: newB, loss: loss / n };
}
`,
};
