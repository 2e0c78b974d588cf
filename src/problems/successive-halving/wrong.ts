import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { successiveHalvingKernel } from "./kernel.ts";
import { successiveHalvingPython } from "./python.ts";

const { solutionCode } = successiveHalvingKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
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

const pythonSolution = successiveHalvingPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "ties go to the higher index", [
    ["key=lambda c: (-scores[c, r], c)", "key=lambda c: (-scores[c, r], -c)"],
  ]),
  edited(pythonSolution, "keeps ceil(m / eta) instead of floor", [
    ["max(1, len(pool) // eta)", "max(1, -(-len(pool) // eta))"],
  ]),
  edited(pythonSolution, "lower scores promoted (sorted ascending)", [
    ["key=lambda c: (-scores[c, r], c)", "key=lambda c: (scores[c, r], c)"],
  ]),
  edited(pythonSolution, "rungs list who is promoted, not who ran", [["        rungs.append(sorted(pool))\n", ""]]),
  edited(pythonSolution, "eliminates down to one by the second rung (keeps m // eta² )", [
    ["max(1, len(pool) // eta)", "max(1, len(pool) // (eta * eta))"],
  ]),
];
