import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { matmulKernel } from "./kernel.ts";
import { matmulPython } from "./python.ts";

const { solutionCode } = matmulKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "copies b instead of transposing it when packing: reads b as m×k", [
    ["bt[j * k + p] = b[p * m + j];", "bt[j * k + p] = b[j * k + p];"],
  ]),
  edited(
    solutionCode,
    "no odd edge for columns: with odd m the last pair reads past bt and writes NaN into the next row",
    [["const j1 = j + 1 < m ? j + 1 : j;", "const j1 = j + 1;"]],
  ),
  edited(solutionCode, "stops at the last full pair of rows: with odd n the last row of c stays 0", [
    ["for (let i = 0; i < n; i += 2) {", "for (let i = 0; i + 1 < n; i += 2) {"],
  ]),
  edited(solutionCode, "writes the top-left sum of each block column-major (c[j·n + i]) instead of row-major", [
    ["c[i * m + j] = s00;", "c[j * n + i] = s00;"],
  ]),
  edited(solutionCode, "float32 accumulation (Math.fround) of one sum: off by ~1e-7 relative", [
    ["s00 += x0 * y0;", "s00 = Math.fround(s00 + x0 * y0);"],
  ]),
];

const pythonSolution = matmulPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  {
    why: "multiplies element-wise after broadcasting b's transpose: right only for some square inputs",
    code: `import numpy as np


def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a[:, None, :] * b.T[None, :, :]).sum(axis=1)
`,
  },
  edited(pythonSolution, "skips the last column of a (range(k - 1))", [["range(k)", "range(k - 1)"]]),
  edited(pythonSolution, "accumulates in float32: sums off by ~1e-7 relative", [
    ["np.zeros((n, b.shape[1]))", "np.zeros((n, b.shape[1]), dtype=np.float32)"],
  ]),
  edited(pythonSolution, "reads column p of b instead of row p (right only when b is square and symmetric)", [
    ["c += a[:, p, None] * b[p, None, :]", "c += a[:, p, None] * b.T[p, None, :]"],
  ]),
  edited(pythonSolution, "overwrites c instead of accumulating (keeps the last rank-1 update)", [
    ["c += a[:, p, None] * b[p, None, :]", "c = a[:, p, None] * b[p, None, :]"],
  ]),
];
