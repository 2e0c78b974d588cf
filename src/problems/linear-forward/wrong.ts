import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { linearForwardKernel } from "./kernel.ts";
import { linearForwardPython } from "./python.ts";

const { solutionCode } = linearForwardKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
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

const pythonSolution = linearForwardPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "forgets the bias", [["X @ W + b", "X @ W"]]),
  edited(pythonSolution, "adds the bias to every input instead of every output", [["X @ W + b", "(X + b.sum()) @ W"]]),
  edited(pythonSolution, "multiplies element-wise (X * W) instead of the matrix product", [
    ["return X @ W + b", "return X * W + b"],
  ]),
  edited(pythonSolution, "the bias subtracted", [["X @ W + b", "X @ W - b"]]),
  edited(pythonSolution, "adds the mean of the bias to every output instead of b[j] to column j", [
    ["return X @ W + b", "return X @ W + b.mean()"],
  ]),
];
