import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { softmaxCrossEntropyKernel } from "./kernel.ts";
import { softmaxCrossEntropyPython } from "./python.ts";

const { solutionCode } = softmaxCrossEntropyKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "missing max shift: exp overflows for logits ≥ 710", [
    ["Math.exp(z - shift)", "Math.exp(z)"],
    ["Math.log(sum) + shift - row[targets[i]]", "Math.log(sum) - row[targets[i]]"],
  ]),
  edited(solutionCode, "loss as −log of a probability that underflows to 0 (Infinity for a confident mistake)", [
    ["total += Math.log(sum) + shift - row[targets[i]];", "total += -Math.log(exps[targets[i]] / sum);"],
  ]),
  edited(solutionCode, "gradient not divided by the batch size", [
    ["(c === targets[i] ? 1 : 0)) / n)", "(c === targets[i] ? 1 : 0)))"],
  ]),
  edited(solutionCode, "summed loss instead of the mean", [
    ["return { loss: total / n, grad };", "return { loss: total, grad };"],
  ]),
  edited(solutionCode, "gradient sign flipped: onehot − softmax", [
    ["(e / sum - (c === targets[i] ? 1 : 0))", "((c === targets[i] ? 1 : 0) - e / sum)"],
  ]),
];

const pythonSolution = softmaxCrossEntropyPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "gradient not divided by the batch size", [['"grad": grad / n', '"grad": grad']]),
  edited(pythonSolution, "no max shift: large logits overflow", [
    ["logits - logits.max(axis=1, keepdims=True)", "logits"],
  ]),
  edited(pythonSolution, "loss summed over the batch instead of averaged", [
    ["loss = -log_probs[rows, targets].mean()", "loss = -log_probs[rows, targets].sum()"],
  ]),
  edited(pythonSolution, "gradient p − 1 taken at the argmax instead of the target", [
    ["grad[rows, targets] -= 1.0", "grad[rows, logits.argmax(axis=1)] -= 1.0"],
  ]),
  edited(pythonSolution, "gradient without subtracting the one-hot target", [["    grad[rows, targets] -= 1.0\n", ""]]),
];
