import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { earlyStoppingKernel } from "./kernel.ts";

const { solutionCode } = earlyStoppingKernel;

export const earlyStoppingWrongSolutions: readonly WrongSolution[] = [
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
