import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { layerNormKernel } from "./kernel.ts";
import { layerNormPython } from "./python.ts";

const { solutionCode } = layerNormKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "unbiased variance (divides by D − 1)", [
    ["centred.reduce((a, c) => a + c * c, 0) / d;", "centred.reduce((a, c) => a + c * c, 0) / Math.max(d - 1, 1);"],
  ]),
  edited(solutionCode, "eps added outside the square root", [
    ["Math.sqrt(variance + eps)", "Math.sqrt(variance) + eps"],
  ]),
  edited(solutionCode, "one-pass variance E[x²] − E[x]²: cancels catastrophically under a large offset", [
    ["centred.reduce((a, c) => a + c * c, 0) / d;", "row.reduce((a, v) => a + v * v, 0) / d - mu * mu;"],
  ]),
  edited(solutionCode, "gamma and beta swapped", [
    ["(gamma[j] * c) / scale + beta[j]", "(beta[j] * c) / scale + gamma[j]"],
  ]),
  edited(solutionCode, "forgets the scale gamma", [["(gamma[j] * c) / scale + beta[j]", "c / scale + beta[j]"]]),
];

const pythonSolution = layerNormPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  {
    why: "normalises over the batch (axis 0) instead of the features",
    code: pythonSolution.replaceAll("axis=1", "axis=0"),
  },
  edited(pythonSolution, "unbiased variance (divides by D - 1)", [
    [
      "var = ((x - mu) ** 2).mean(axis=1, keepdims=True)",
      "var = ((x - mu) ** 2).sum(axis=1, keepdims=True) / max(x.shape[1] - 1, 1)",
    ],
  ]),
  edited(pythonSolution, "eps outside the square root", [["np.sqrt(var + eps)", "(np.sqrt(var) + eps)"]]),
  edited(pythonSolution, "beta multiplied by gamma (gamma·(x̂ + beta))", [
    ["gamma * (x - mu) / np.sqrt(var + eps) + beta", "gamma * ((x - mu) / np.sqrt(var + eps) + beta)"],
  ]),
  edited(pythonSolution, "variance as E[x²] − E[x]²: loses the digits of features near 1e6", [
    ["var = ((x - mu) ** 2).mean(axis=1, keepdims=True)", "var = (x ** 2).mean(axis=1, keepdims=True) - mu ** 2"],
  ]),
];
