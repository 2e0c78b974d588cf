import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { saliencyKernel } from "./kernel.ts";
import { saliencyPython } from "./python.ts";

const { solutionCode } = saliencyKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "forgets the tanh derivative in the chain rule", [
    ["w2[r] * (1 - a * a) * W1[r][d]", "w2[r] * W1[r][d]"],
  ]),
  edited(solutionCode, "tanh derivative written 1 − a instead of 1 − a²", [["(1 - a * a)", "(1 - a)"]]),
  edited(solutionCode, "sigmoid's derivative a·(1 − a) used for tanh", [["(1 - a * a)", "a * (1 - a)"]]),
  edited(solutionCode, "saliency as |gradient| instead of gradient × input", [
    ["saliency: gradient.map((g, d) => g * x[d])", "saliency: gradient.map((g) => Math.abs(g))"],
  ]),
  edited(solutionCode, "score without the output bias b2", [["acc + w2[r] * a, b2)", "acc + w2[r] * a, 0)"]]),
];

const pythonSolution = saliencyPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "forgets tanh's derivative", [["(w2 * (1.0 - a * a)) @ W1", "w2 @ W1"]]),
  edited(pythonSolution, "saliency is the gradient alone, without × input", [
    ['"saliency": gradient * x', '"saliency": gradient'],
  ]),
  edited(pythonSolution, "tanh derivative as 1 − a instead of 1 − a²", [["(1.0 - a * a)", "(1.0 - a)"]]),
  edited(pythonSolution, "bias b1 left out of the hidden layer", [["np.tanh(W1 @ x + b1)", "np.tanh(W1 @ x)"]]),
  edited(pythonSolution, "score without the output bias b2", [["score = float(w2 @ a + b2)", "score = float(w2 @ a)"]]),
];
