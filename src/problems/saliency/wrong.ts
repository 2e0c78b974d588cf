import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { saliencyKernel } from "./kernel.ts";

const { solutionCode } = saliencyKernel;

export const saliencyWrongSolutions: readonly WrongSolution[] = [
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
