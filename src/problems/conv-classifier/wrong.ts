import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { convClassifierKernel } from "./kernel.ts";
import { convClassifierPython } from "./python.ts";

const { solutionCode } = convClassifierKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(
    solutionCode,
    "flips the filter (true convolution, as scipy.ndimage.convolve does) instead of cross-correlating",
    [["sum += filter[i][j] * image[y + i][x + j];", "sum += filter[kh - 1 - i][kw - 1 - j] * image[y + i][x + j];"]],
  ),
  edited(solutionCode, '"same"-size convolution with zero padding (scipy\'s default) instead of "valid"', [
    ["const convH = image.length - kh + 1;", "const convH = image.length;"],
    ["const convW = image[0].length - kw + 1;", "const convW = image[0].length;"],
    [
      "sum += filter[i][j] * image[y + i][x + j];",
      "sum += filter[i][j] * (image[y + i - Math.floor((kh - 1) / 2)]?.[x + j - Math.floor((kw - 1) / 2)] ?? 0);",
    ],
  ]),
  edited(solutionCode, "no ReLU between the convolution and the pooling", [
    ["row.push(Math.max(0, sum));", "row.push(sum);"],
  ]),
  edited(solutionCode, "flattens channel-last (y, x, f) instead of filter by filter (f, y, x)", [
    ["    const flat: number[] = [];\n", "    const pooled: number[][] = [];\n"],
    [
      "    filters.forEach((filter, f) => {\n",
      "    filters.forEach((filter, f) => {\n      const flat: number[] = [];\n      pooled.push(flat);\n",
    ],
    [
      "    const logits =",
      "    const flat = pooled[0].flatMap((_, p) => pooled.map((maps) => maps[p]));\n    const logits =",
    ],
  ]),
  edited(solutionCode, "softmax without the max shift: exp overflows for logits ≥ 710", [
    [
      "const top = Math.max(...logits);\n    const exps = logits.map((z) => Math.exp(z - top));",
      "const exps = logits.map((z) => Math.exp(z));",
    ],
  ]),
  edited(solutionCode, "returns a one-hot argmax (the article's class index) instead of probabilities", [
    [
      "return exps.map((e) => e / total);",
      "const best = Math.max(...exps);\n    return exps.map((e) => (e === best ? 1 : 0));",
    ],
  ]),
  edited(solutionCode, "overlapping pooling windows (stride 1 instead of poolSize)", [
    ["top += poolSize", "top += 1"],
    ["left += poolSize", "left += 1"],
  ]),
  edited(solutionCode, "keeps the partial pooling windows at the edges (ceil mode)", [
    ["top + poolSize <= convH;", "top < convH;"],
    ["left + poolSize <= convW;", "left < convW;"],
    ["best = Math.max(best, map[top + i][left + j]);", "best = Math.max(best, map[top + i]?.[left + j] ?? -Infinity);"],
  ]),
];

const pythonSolution = convClassifierPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "no ReLU after the convolution", [["    maps = np.maximum(maps, 0.0)\n", ""]]),
  edited(pythonSolution, "flips the filter (true convolution) instead of cross-correlating", [
    ["filters[None, :, i, j, None, None]", "filters[None, :, kh - 1 - i, kw - 1 - j, None, None]"],
  ]),
  edited(pythonSolution, "softmax without the max shift: large logits overflow to NaN", [
    ["np.exp(logits - logits.max(axis=1, keepdims=True))", "np.exp(logits)"],
  ]),
  edited(pythonSolution, "average pooling instead of max pooling", [[".max(axis=(3, 5))", ".mean(axis=(3, 5))"]]),
  edited(pythonSolution, "returns the logits, not probabilities", [
    [
      "    e = np.exp(logits - logits.max(axis=1, keepdims=True))\n    return e / e.sum(axis=1, keepdims=True)",
      "    return logits",
    ],
  ]),
];
