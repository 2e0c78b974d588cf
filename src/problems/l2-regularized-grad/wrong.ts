import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { l2RegularizedGradKernel } from "./kernel.ts";
import { l2RegularizedGradPython } from "./python.ts";

const { solutionCode } = l2RegularizedGradKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "regularises the bias too", [
    [
      "const gradB = residuals.reduce((acc, r) => acc + r, 0) / n;",
      "const gradB = residuals.reduce((acc, r) => acc + r, 0) / n + lambda * b;",
    ],
  ]),
  edited(solutionCode, "penalty λ‖w‖² without the 1/2", [
    ["const penalty = (lambda / 2) *", "const penalty = lambda *"],
  ]),
  edited(solutionCode, "data loss as the plain mean of r² (no 1/2)", [["r * r, 0) / (2 * n);", "r * r, 0) / n;"]]),
  edited(solutionCode, "gradient misses the λw term", [["0) / n + lambda * wj);", "0) / n);"]]),
  edited(solutionCode, "gradient summed over samples instead of averaged", [
    ["0) / n + lambda * wj);", "0) + lambda * wj);"],
  ]),
];

const pythonSolution = l2RegularizedGradPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "regularises the bias too", [["float(r.sum() / n)}", "float(r.sum() / n + lam * b)}"]]),
  edited(pythonSolution, "penalty λ‖w‖² without the ½ in the loss", [
    ["lam / 2 * (w ** 2).sum()", "lam * (w ** 2).sum()"],
  ]),
  edited(pythonSolution, "gradient of the penalty is 2λw", [["X.T @ r / n + lam * w", "X.T @ r / n + 2 * lam * w"]]),
  edited(pythonSolution, "mean squared error without the ½: loss Σr²/n", [
    ["(r ** 2).sum() / (2 * n)", "(r ** 2).sum() / n"],
  ]),
  edited(pythonSolution, "residuals y − ŷ: every gradient's sign flipped", [
    ["r = X @ w + b - y", "r = y - (X @ w + b)"],
  ]),
];
