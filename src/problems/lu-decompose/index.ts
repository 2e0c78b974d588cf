import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { luDecomposeKernel } from "./kernel.ts";
import { luDecomposePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "lu-decompose",
  kernel: luDecomposeKernel,
  python: luDecomposePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "cfffee7dc678c5201c3cd5abbabcc490f4c84bb5e255cb7aea261c6aa957a9a3",
  starterCommentsZh: {
    "Factor the square matrix A as P·A = L·U with partial pivoting:": "用部分主元法把方阵 A 分解为 P·A = L·U：",
    "at column k pick the row (k or below) with the largest |value| (topmost on ties) and swap it up,":
      "在第 k 列中，从第 k 行及以下选出绝对值 |value| 最大的行（相同时取最上面的一行），把它交换上来，",
    "then eliminate below the pivot. If the column is already all zero from k down, skip that step.":
      "然后消去主元下方的元素。如果该列从第 k 行往下已经全为零，就跳过这一步。",
    "L is unit lower-triangular, U upper-triangular, P a permutation matrix (rows of the identity).":
      "L 是单位下三角矩阵，U 是上三角矩阵，P 是置换矩阵（由单位矩阵的行构成）。",
    "Factor the square matrix A as P·A = L·U with partial pivoting: at column k pick the row (k or below)":
      "用部分主元法把方阵 A 分解为 P·A = L·U：在第 k 列中，从第 k 行及以下选出",
    "with the largest |value| (topmost on ties) and swap it up, then eliminate below the pivot. If the":
      "绝对值 |value| 最大的行（相同时取最上面的一行），把它交换上来，然后消去主元下方的元素。如果该",
    "column is already all zero from k down, skip that step. L is unit lower-triangular, U upper-triangular,":
      "列从第 k 行往下已经全为零，就跳过这一步。L 是单位下三角矩阵，U 是上三角矩阵，",
    'P a permutation matrix (rows of the identity). Return {"P": P, "L": L, "U": U}.':
      'P 是置换矩阵（由单位矩阵的行构成）。返回 {"P": P, "L": L, "U": U}。',
  },
  allowedZh: "Python 3 与 numpy（索引、argmax、广播）；不能用 np.linalg 和 scipy.linalg.lu。",
};
