import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { matmulKernel } from "./kernel.ts";
import { naive } from "./naive.ts";
import { matmulPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "matmul",
  kernel: matmulKernel,
  python: matmulPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  naive,
  pinnedTestHash: "bf144b399a9d7a1903485e219a572fe1e947e8fcf69e3d12ff53bc7e5d25342f",
  starterCommentsZh: {
    "a is n×k and b is k×m, both row-major: a[i * k + p] is row i, column p.":
      "a 是 n×k，b 是 k×m，均为行主序：a[i * k + p] 是第 i 行第 p 列。",
    "Return c = a·b as a row-major n×m Float64Array: c[i * m + j] = Σ_p a[i * k + p] * b[p * m + j].":
      "返回 c = a·b，即行主序的 n×m Float64Array：c[i * m + j] = Σ_p a[i * k + p] * b[p * m + j]。",
    "Performance is ranked: think about loop order and cache blocking.": "按性能排名：请考虑循环顺序和缓存分块。",
    "a is n×k and b is k×m. Return c = a·b, an n×m array: c[i, j] = Σ_p a[i, p] * b[p, j].":
      "a 是 n×k，b 是 k×m。返回 c = a·b，一个 n×m 数组：c[i, j] = Σ_p a[i, p] * b[p, j]。",
    "The @ operator, np.dot, np.matmul, np.einsum, np.linalg, np.tensordot and np.inner are not allowed.":
      "不允许使用 @ 运算符、np.dot、np.matmul、np.einsum、np.linalg、np.tensordot 和 np.inner。",
  },
  allowedZh:
    "Python 3 与 numpy：可以用逐元素运算、广播、sum 和 reshape；不能用 @ 运算符、np.matmul、np.dot、np.vdot、np.einsum、np.linalg、np.tensordot、np.inner 和 ndarray.dot（它们就是答案）。",
};
