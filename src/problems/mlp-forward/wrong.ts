import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { mlpForwardKernel } from "./kernel.ts";

const { solutionCode } = mlpForwardKernel;

export const mlpForwardWrongSolutions: readonly WrongSolution[] = [
  edited(solutionCode, "ReLU after the last layer too: negative output scores become 0", [
    ["layer < weights.length - 1 ?", "layer <= weights.length - 1 ?"],
  ]),
  edited(solutionCode, "no ReLU at all: the network collapses to one linear map", [
    ["layer < weights.length - 1 ?", "layer < 0 ?"],
  ]),
  edited(solutionCode, "sigmoid instead of ReLU between layers", [["Math.max(0, v)", "1 / (1 + Math.exp(-v))"]]),
  edited(solutionCode, "leaky ReLU (slope 0.01) instead of ReLU", [["Math.max(0, v)", "Math.max(0.01 * v, v)"]]),
  edited(solutionCode, "transposed weights: W[j][p] instead of W[p][j]", [["v * W[p][j]", "v * (W[j]?.[p] ?? 0)"]]),
];
