import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { l2RegularizedGradKernel } from "./kernel.ts";

const { solutionCode } = l2RegularizedGradKernel;

export const l2RegularizedGradWrongSolutions: readonly WrongSolution[] = [
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
