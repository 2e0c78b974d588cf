import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { mlpForwardKernel } from "./kernel.ts";
import { mlpForwardPython } from "./python.ts";

const { solutionCode } = mlpForwardKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
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

const pythonSolution = mlpForwardPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "applies ReLU after the last layer too", [
    ["        if layer < len(weights) - 1:\n            H = np.maximum(H, 0.0)", "        H = np.maximum(H, 0.0)"],
  ]),
  edited(pythonSolution, "no ReLU at all: the network collapses to one linear map", [
    ["        if layer < len(weights) - 1:\n            H = np.maximum(H, 0.0)\n", ""],
  ]),
  edited(pythonSolution, "ReLU before adding the bias", [
    [
      "        H = H @ W + b\n        if layer < len(weights) - 1:\n            H = np.maximum(H, 0.0)",
      "        H = H @ W\n        if layer < len(weights) - 1:\n            H = np.maximum(H, 0.0)\n        H = H + b",
    ],
  ]),
  edited(pythonSolution, "skips the first layer's ReLU only (off by one in the layer test)", [
    ["if layer < len(weights) - 1:", "if 0 < layer < len(weights) - 1:"],
  ]),
  edited(pythonSolution, "ReLU clips at 1 too (a hard sigmoid-like clamp)", [
    ["H = np.maximum(H, 0.0)", "H = np.clip(H, 0.0, 1.0)"],
  ]),
];
