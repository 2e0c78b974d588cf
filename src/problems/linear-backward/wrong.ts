import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { linearBackwardKernel } from "./kernel.ts";
import { linearBackwardPython } from "./python.ts";

const { solutionCode } = linearBackwardKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "dW = Gᵀ·X (the article's dZᵀ·X, out×in) instead of Xᵀ·G (in×out)", [
    [
      "for (let p = 0; p < inF; p++) {\n    dW.push(b.map((_, j) => G.reduce((acc, g, i) => acc + X[i][p] * g[j], 0)));\n  }",
      "for (let j = 0; j < outF; j++) {\n    dW.push(W.map((_, p) => G.reduce((acc, g, i) => acc + X[i][p] * g[j], 0)));\n  }",
    ],
  ]),
  edited(solutionCode, "mean over the batch only, not over batch×out entries", [
    ["const count = batch * outF;", "const count = batch;"],
  ]),
  edited(solutionCode, "drops the factor 2 of d(r²)/dr", [["(2 * r) / count", "r / count"]]),
  edited(solutionCode, "db averaged over the batch instead of summed", [
    [
      "const db = b.map((_, j) => G.reduce((acc, g) => acc + g[j], 0));",
      "const db = b.map((_, j) => G.reduce((acc, g) => acc + g[j], 0) / batch);",
    ],
  ]),
  edited(solutionCode, "reports the summed squared error instead of the mean", [
    ["return { loss: loss / count,", "return { loss,"],
  ]),
];

const pythonSolution = linearBackwardPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "gradient of the mean over the batch only, not over batch×out entries", [
    ["G = 2.0 * residual / residual.size", "G = 2.0 * residual / X.shape[0]"],
  ]),
  edited(pythonSolution, "gradient without the factor 2 of the square", [
    ["G = 2.0 * residual / residual.size", "G = residual / residual.size"],
  ]),
  edited(pythonSolution, "dW from the raw residual instead of the loss gradient (no 2/N)", [
    ['"dW": X.T @ G,', '"dW": X.T @ residual,'],
  ]),
  edited(pythonSolution, "db as the mean of G instead of its sum over the batch", [
    ['"db": G.sum(axis=0),', '"db": G.mean(axis=0),'],
  ]),
  edited(pythonSolution, "dX divided by the batch size a second time", [
    ['"dX": G @ W.T,', '"dX": G @ W.T / X.shape[0],'],
  ]),
];
