import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { successiveHalvingKernel } from "./kernel.ts";

const { solutionCode } = successiveHalvingKernel;

export const successiveHalvingWrongSolutions: readonly WrongSolution[] = [
  edited(solutionCode, "ranks every rung by its rung-0 scores", [["pool.sort(better(r));", "pool.sort(better(0));"]]),
  edited(solutionCode, "promotes ⌈m/eta⌉ instead of max(1, ⌊m/eta⌋)", [
    ["Math.max(1, Math.floor(pool.length / eta))", "Math.ceil(pool.length / eta)"],
  ]),
  edited(solutionCode, "ties go to the higher index", [[": a - b;", ": b - a;"]]),
  edited(solutionCode, "treats a lower score as better", [
    ["scores[b][r] - scores[a][r]", "scores[a][r] - scores[b][r]"],
  ]),
  edited(solutionCode, "lists each rung in rank order instead of ascending", [
    ["rungs.push(pool.slice().sort((a, b) => a - b));", "rungs.push(pool.slice());"],
  ]),
];
