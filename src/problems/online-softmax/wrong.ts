import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { onlineSoftmaxKernel } from "./kernel.ts";
import { onlineSoftmaxPython } from "./python.ts";

const { solutionCode } = onlineSoftmaxKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "never rescales the running sum when the maximum moves", [
    ["d = d * Math.exp(m - next) + Math.exp(v - next);", "d = d + Math.exp(v - next);"],
  ]),
  edited(solutionCode, "running maximum starts at 0: wrong max for all-negative inputs", [
    ["let m = -Infinity;", "let m = 0;"],
  ]),
  edited(solutionCode, "rescale factor inverted: exp(new m − old m)", [["Math.exp(m - next)", "Math.exp(next - m)"]]),
  edited(solutionCode, "probabilities from unshifted exponentials: exp overflows for x ≥ 710", [
    ["probs: x.map((v) => Math.exp(v - m) / d)", "probs: x.map((v) => Math.exp(v) / (d * Math.exp(m)))"],
  ]),
  edited(solutionCode, "reports Σ exp(x) (unshifted) as sumExp", [["sumExp: d,", "sumExp: d * Math.exp(m),"]]),
];

const pythonSolution = onlineSoftmaxPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "never rescales the running sum when the maximum changes", [
    ["d = d * math.exp(m - new_max) + math.exp(v - new_max)", "d = d + math.exp(v - new_max)"],
  ]),
  edited(pythonSolution, "running maximum starts at 0 instead of −inf: all-negative inputs report max 0", [
    ["    m = -math.inf\n", "    m = 0.0\n"],
  ]),
  edited(pythonSolution, "new term added relative to the old maximum", [
    [
      "d = d * math.exp(m - new_max) + math.exp(v - new_max)",
      "d = d * math.exp(m - new_max) + math.exp(v - m) if m != -math.inf else 1.0",
    ],
  ]),
  edited(pythonSolution, "probabilities not normalised by d", [
    ['"probs": np.exp(x - m) / d', '"probs": np.exp(x - m)'],
  ]),
  edited(pythonSolution, "sum of plain exponentials (no shift): overflows for values near 2000", [
    ["d = d * math.exp(m - new_max) + math.exp(v - new_max)", "d = d + math.exp(min(v, 709.0))"],
  ]),
];
