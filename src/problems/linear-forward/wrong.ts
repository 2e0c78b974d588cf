import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { linearForwardKernel } from "./kernel.ts";

const { solutionCode } = linearForwardKernel;

export const linearForwardWrongSolutions: readonly WrongSolution[] = [
  edited(solutionCode, "transposed weights: W[j][p] instead of W[p][j]", [["x[p] * W[p][j]", "x[p] * W[j][p]"]]),
  edited(solutionCode, "forgets the bias", [
    ["b.map((bias, j) => {\n      let sum = bias;", "b.map((_bias, j) => {\n      let sum = 0;"],
  ]),
  edited(solutionCode, "adds the bias once per input feature instead of once", [
    ["let sum = bias;", "let sum = 0;"],
    ["sum += x[p] * W[p][j];", "sum += x[p] * W[p][j] + bias;"],
  ]),
  edited(solutionCode, "off-by-one: the last input feature is skipped", [["p < x.length;", "p < x.length - 1;"]]),
  edited(solutionCode, "applies a ReLU: the layer is linear", [["return sum;", "return Math.max(0, sum);"]]),
];
