import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { smoothquantScalesKernel } from "./kernel.ts";
import { smoothquantScalesPython } from "./python.ts";

const { solutionCode } = smoothquantScalesKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "α and 1 − α swapped: the migration strength is inverted", [
    [
      "return a > 0 && b > 0 ? a ** alpha / b ** (1 - alpha) : 1;",
      "return a > 0 && b > 0 ? a ** (1 - alpha) / b ** alpha : 1;",
    ],
  ]),
  edited(solutionCode, "multiplies the activations by s and divides the weights: the outliers grow", [
    [
      "const xSmoothed = x.map((row) => row.map((v, j) => v / scales[j]));",
      "const xSmoothed = x.map((row) => row.map((v, j) => v * scales[j]));",
    ],
    [
      "const wSmoothed = w.map((row, j) => row.map((v) => v * scales[j]));",
      "const wSmoothed = w.map((row, j) => row.map((v) => v / scales[j]));",
    ],
  ]),
  edited(solutionCode, "one INT8 scale for all of W instead of one per output channel", [
    [
      "const error = (xa: number[][], wa: number[][]) => {\n    const approx = matmul(perTensor(xa), perColumn(wa));",
      "const error = (xa: number[][], wa: number[][]) => {\n    const approx = matmul(perTensor(xa), perTensor(wa));",
    ],
  ]),
  edited(solutionCode, "smoothing strength from the mean |X| of a channel instead of its maximum", [
    [
      "const a = Math.max(...x.map((row) => Math.abs(row[j])));",
      "const a = x.reduce((sum, row) => sum + Math.abs(row[j]), 0) / x.length;",
    ],
  ]),
  edited(solutionCode, "INT8 scale max/128: the largest value rounds to 128 and is clipped", [
    ["const scale = peak > 0 ? peak / 127 : 1;", "const scale = peak > 0 ? peak / 128 : 1;"],
  ]),
  edited(solutionCode, "no guard for an all-zero channel: 0 / 0 makes NaN scales", [
    ["return a > 0 && b > 0 ? a ** alpha / b ** (1 - alpha) : 1;", "return a ** alpha / b ** (1 - alpha);"],
  ]),
  edited(solutionCode, "the error after smoothing is measured with the unsmoothed weights", [
    ["errorAfter: error(xSmoothed, wSmoothed)", "errorAfter: error(xSmoothed, w)"],
  ]),
];

const pythonSolution = smoothquantScalesPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "α and 1 − α swapped: the migration strength is inverted", [
    ["s[ok] = act[ok] ** alpha / wt[ok] ** (1 - alpha)", "s[ok] = act[ok] ** (1 - alpha) / wt[ok] ** alpha"],
  ]),
  edited(pythonSolution, "multiplies the activations by s and divides the weights: the outliers grow", [
    ["    xs = x / s\n    ws = w * s[:, None]", "    xs = x * s\n    ws = w / s[:, None]"],
  ]),
  edited(pythonSolution, "one INT8 scale for all of W instead of one per output channel", [
    ["_int8(w, np.abs(w).max(axis=0))", "_int8(w, np.abs(w).max())"],
  ]),
  edited(pythonSolution, "smoothing strength from the mean |X| of a channel instead of its maximum", [
    ["act = np.abs(x).max(axis=0)", "act = np.abs(x).mean(axis=0)"],
  ]),
  edited(pythonSolution, "INT8 scale max/128: the largest value rounds to 128 and is clipped", [
    ["scale = np.where(peak > 0, peak / 127, 1.0)", "scale = np.where(peak > 0, peak / 128, 1.0)"],
  ]),
  edited(pythonSolution, "no guard for an all-zero channel: 0 / 0 makes NaN scales", [
    [
      "    ok = (act > 0) & (wt > 0)\n    s = np.ones_like(act)\n    s[ok] = act[ok] ** alpha / wt[ok] ** (1 - alpha)",
      "    s = act ** alpha / wt ** (1 - alpha)",
    ],
  ]),
  edited(pythonSolution, "the error after smoothing is measured with the unsmoothed weights", [
    ['"error_after": _error(xs, ws, exact)', '"error_after": _error(xs, w, exact)'],
  ]),
];
