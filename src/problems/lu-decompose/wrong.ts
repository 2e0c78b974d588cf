import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { luDecomposeKernel } from "./kernel.ts";

const { solutionCode } = luDecomposeKernel;

export const luDecomposeWrongSolutions: readonly WrongSolution[] = [
  edited(solutionCode, "no pivoting: |L| exceeds 1 and a zero pivot stops the elimination", [
    ["for (let r = k + 1; r < n; r++) if (Math.abs(U[r][k]) > Math.abs(U[best][k])) best = r;", ""],
  ]),
  edited(solutionCode, "pivots on the largest value instead of the largest |value|", [
    ["Math.abs(U[r][k]) > Math.abs(U[best][k])", "U[r][k] > U[best][k]"],
  ]),
  edited(solutionCode, "swaps the rows of U but not the multipliers already stored in L", [
    ["for (const M of [U, L])", "for (const M of [U])"],
  ]),
  edited(solutionCode, "never stores the multipliers: L stays the identity", [["      L[r][k] = f;\n", ""]]),
  edited(solutionCode, "returns Pᵀ (the permutation with A = P·L·U) instead of P", [
    [
      "P: perm.map((src) => A.map((_, c) => (c === src ? 1 : 0)))",
      "P: A.map((_, r) => A.map((__, c) => (perm[c] === r ? 1 : 0)))",
    ],
  ]),
];
