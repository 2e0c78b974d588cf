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
];
