import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { luDecomposeKernel } from "./kernel.ts";
import { luDecomposePython } from "./python.ts";

const { solutionCode } = luDecomposeKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
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

const pythonSolution = luDecomposePython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "no pivoting: eliminates with the diagonal as it comes", [
    ["best = k + int(np.argmax(np.abs(U[k:, k])))", "best = k"],
  ]),
  edited(pythonSolution, "swaps U's rows but not the multipliers already stored in L", [
    ["        L[[k, best]] = L[[best, k]]\n", ""],
  ]),
  edited(pythonSolution, "pivots on the largest signed value, not the largest magnitude", [
    ["np.argmax(np.abs(U[k:, k]))", "np.argmax(U[k:, k])"],
  ]),
  edited(pythonSolution, "P returned transposed (Pᵀ·A = L·U)", [['"P": np.eye(n)[perm]', '"P": np.eye(n)[perm].T']]),
  edited(pythonSolution, "L without its unit diagonal", [["    L += np.eye(n)\n", ""]]),
];
