import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { finetuneHeadStepKernel } from "./kernel.ts";

const { solutionCode } = finetuneHeadStepKernel;

export const finetuneHeadStepWrongSolutions: readonly WrongSolution[] = [
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
