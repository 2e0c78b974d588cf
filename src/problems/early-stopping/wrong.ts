import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { earlyStoppingKernel } from "./kernel.ts";
import { earlyStoppingPython } from "./python.ts";

const { solutionCode } = earlyStoppingKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "a tie with the best counts as an improvement (≤ instead of <)", [
    ["valLosses[e] < best - minDelta", "valLosses[e] <= best - minDelta"],
  ]),
  edited(solutionCode, "off-by-one patience: stops one epoch late", [
    ["e - lastImprovement >= patience", "e - lastImprovement > patience"],
  ]),
  edited(solutionCode, "ignores minDelta", [["valLosses[e] < best - minDelta", "valLosses[e] < best"]]),
  edited(solutionCode, "bestEpoch reported 1-based", [["      bestEpoch = e;\n", "      bestEpoch = e + 1;\n"]]),
  edited(solutionCode, "compares with the previous epoch instead of the best so far", [
    ["valLosses[e] < best - minDelta", "valLosses[e] < (e > 0 ? valLosses[e - 1] : Infinity) - minDelta"],
  ]),
];

const pythonSolution = earlyStoppingPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "ignores min_delta: any decrease counts as an improvement", [
    ["if loss < best - min_delta:", "if loss < best:"],
  ]),
  edited(pythonSolution, "stops one epoch late (> patience)", [
    ["if epoch - last_improvement >= patience:", "if epoch - last_improvement > patience:"],
  ]),
  edited(pythonSolution, "an equal loss counts as an improvement (<= instead of <)", [
    ["if loss < best - min_delta:", "if loss <= best - min_delta:"],
  ]),
  edited(pythonSolution, "min_delta added instead of subtracted: worse losses count as improvements", [
    ["if loss < best - min_delta:", "if loss < best + min_delta:"],
  ]),
  edited(pythonSolution, "the best epoch is not updated on improvement", [
    ["best, best_epoch, last_improvement = loss, epoch, epoch", "best, last_improvement = loss, epoch"],
  ]),
];
