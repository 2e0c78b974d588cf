import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { matmulKernel } from "./kernel.ts";
import { matmulPython } from "./python.ts";

const { solutionCode } = matmulKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "transposed index into b: reads b as m×k (right only for square matrices)", [
    ["c[cOffset + j] += scale * b[bOffset + j];", "c[cOffset + j] += scale * b[j * k + p];"],
  ]),
  edited(solutionCode, "off-by-one block end: the last column of a (row of b) is never used", [
    ["const kMax = Math.min(kk + BLOCK, k);", "const kMax = Math.min(kk + BLOCK, k - 1);"],
  ]),
  edited(solutionCode, "block end not clipped to k: reads past the row of a into the next one", [
    ["const kMax = Math.min(kk + BLOCK, k);", "const kMax = kk + BLOCK;"],
  ]),
  edited(solutionCode, "writes c column-major (c[j·n + i]) instead of row-major", [
    ["c[cOffset + j] += scale * b[bOffset + j];", "c[j * n + i] += scale * b[bOffset + j];"],
  ]),
  edited(solutionCode, "float32 accumulation (Math.fround): sums off by ~1e-7 relative", [
    [
      "c[cOffset + j] += scale * b[bOffset + j];",
      "c[cOffset + j] = Math.fround(c[cOffset + j] + scale * b[bOffset + j]);",
    ],
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
