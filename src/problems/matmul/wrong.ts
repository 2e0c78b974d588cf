import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { matmulKernel } from "./kernel.ts";

const { solutionCode } = matmulKernel;

export const matmulWrongSolutions: readonly WrongSolution[] = [
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
