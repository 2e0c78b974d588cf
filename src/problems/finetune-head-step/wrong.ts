import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { finetuneHeadStepKernel } from "./kernel.ts";
import { finetuneHeadStepPython } from "./python.ts";

const { solutionCode } = finetuneHeadStepKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "softmax without the max shift: exp overflows for logits ≥ 710", [
    ["logits.map((z) => Math.exp(z - top))", "logits.map((z) => Math.exp(z))"],
    ["loss += top + Math.log(total) - logits[targets[i]];", "loss += Math.log(total) - logits[targets[i]];"],
  ]),
  edited(solutionCode, "sequential SGD: later examples' logits use the already-updated head", [
    ["acc + v * W[d][c], bias)", "acc + v * newW[d][c], newB[c])"],
  ]),
  edited(solutionCode, "gradient not divided by the batch size", [
    ["(c === targets[i] ? 1 : 0)) / n;", "(c === targets[i] ? 1 : 0));"],
  ]),
  edited(solutionCode, "gradient ascent on W: adds the gradient", [
    ["newW[d][c] -= lr * f[d] * g;", "newW[d][c] += lr * f[d] * g;"],
  ]),
  edited(solutionCode, "never updates the bias", [["      newB[c] -= lr * g;\n", ""]]),
];

const pythonSolution = finetuneHeadStepPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "gradient summed over the batch instead of averaged", [["    g /= n\n", ""]]),
  edited(pythonSolution, "gradient steps uphill (W + lr·dW)", [
    [
      'return {"W": W - lr * (features.T @ g), "b": b - lr * g.sum(axis=0), "loss": loss}',
      'return {"W": W + lr * (features.T @ g), "b": b + lr * g.sum(axis=0), "loss": loss}',
    ],
  ]),
  edited(pythonSolution, "softmax without the max shift: logits of ±800 overflow", [
    ["    top = logits.max(axis=1, keepdims=True)\n", "    top = np.zeros((n, 1))\n"],
  ]),
  edited(pythonSolution, "bias not updated", [['"b": b - lr * g.sum(axis=0)', '"b": b.copy()']]),
  edited(pythonSolution, "loss after the update instead of before", [
    [
      '    return {"W": W - lr * (features.T @ g), "b": b - lr * g.sum(axis=0), "loss": loss}',
      '    W2, b2 = W - lr * (features.T @ g), b - lr * g.sum(axis=0)\n    z = features @ W2 + b2\n    z = z - z.max(axis=1, keepdims=True)\n    after = float((np.log(np.exp(z).sum(axis=1)) - z[rows, targets]).mean())\n    return {"W": W2, "b": b2, "loss": after}',
    ],
  ]),
];
