import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { collectiveCostKernel } from "./kernel.ts";
import { collectiveCostPython } from "./python.ts";

const { solutionCode } = collectiveCostKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "ring all-reduce with the reduce-scatter half only: (p−1)/p·S·β bandwidth term", [
    ["((2 * (p - 1)) / p) * bytes * beta });", "((p - 1) / p) * bytes * beta });"],
  ]),
  edited(solutionCode, "all-reduce busbw with the (p−1)/p factor of reduce-scatter/all-gather", [
    ['const factor = collective === "allreduce" ? (2 * (p - 1)) / p : (p - 1) / p;', "const factor = (p - 1) / p;"],
  ]),
  edited(solutionCode, "busbw reported equal to algbw (no correction factor)", [
    ["busbw: algbw * factor }", "busbw: algbw }"],
  ]),
  edited(solutionCode, "tree depth log2 p without rounding up when p is not a power of two", [
    ["2 * Math.ceil(Math.log2(p)) * (alpha + bytes * beta)", "2 * Math.log2(p) * (alpha + bytes * beta)"],
  ]),
  edited(solutionCode, "hierarchical all-reduce sends the whole buffer across nodes instead of each GPU's 1/g share", [
    ["* (bytes / g) * network.interBeta", "* bytes * network.interBeta"],
  ]),
  edited(solutionCode, "all-to-all sends the whole buffer to every peer instead of S/p to each", [
    ["time: (p - 1) * (alpha + (bytes / p) * beta)", "time: (p - 1) * (alpha + bytes * beta)"],
  ]),
  edited(solutionCode, "flat algorithms across nodes timed on the NVLink link instead of the slower network", [
    ["const alpha = nodes > 1 ? network.interAlpha : network.intraAlpha;", "const alpha = network.intraAlpha;"],
    ["const beta = nodes > 1 ? network.interBeta : network.intraBeta;", "const beta = network.intraBeta;"],
  ]),
];

const pythonSolution = collectiveCostPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "ring all-reduce with the reduce-scatter half only", [
    [
      '"time": 2 * (p - 1) * alpha + 2 * (p - 1) / p * size * beta}',
      '"time": 2 * (p - 1) * alpha + (p - 1) / p * size * beta}',
    ],
  ]),
  edited(pythonSolution, "all-reduce busbw with the (p−1)/p factor", [
    ['factor = 2 * (p - 1) / p if collective == "allreduce" else (p - 1) / p', "factor = (p - 1) / p"],
  ]),
  edited(pythonSolution, "tree depth log2 p without rounding up", [
    ["2 * math.ceil(math.log2(p)) * (alpha + size * beta)", "2 * math.log2(p) * (alpha + size * beta)"],
  ]),
  edited(pythonSolution, "hierarchical all-reduce sends the whole buffer across nodes", [
    ['* (size / g) * network["inter_beta"]', '* size * network["inter_beta"]'],
  ]),
  edited(pythonSolution, "all-to-all sends the whole buffer to every peer", [
    ['"time": (p - 1) * (alpha + size / p * beta)', '"time": (p - 1) * (alpha + size * beta)'],
  ]),
  edited(pythonSolution, "algbw from the per-rank share S/p instead of the total size S", [
    ['algbw = size / best["time"]', 'algbw = size / p / best["time"]'],
  ]),
];
