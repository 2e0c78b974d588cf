import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { quantizeInt8Kernel } from "./kernel.ts";
import { quantizeInt8Python } from "./python.ts";

const { solutionCode } = quantizeInt8Kernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "symmetric scale max|x|/128 instead of /127", [
    [
      "scale = maxAbs / 127 >= 2 ** -1022 ? maxAbs / 127 : 1;",
      "scale = maxAbs / 128 >= 2 ** -1022 ? maxAbs / 128 : 1;",
    ],
  ]),
  edited(solutionCode, "affine range [min x, max x] without including 0", [
    ["const lo = Math.min(0, ...x);", "const lo = Math.min(...x);"],
    ["const hi = Math.max(0, ...x);", "const hi = Math.max(...x);"],
  ]),
  edited(solutionCode, "truncates instead of rounding", [
    ["Math.round(v / scale) + zeroPoint", "Math.trunc(v / scale) + zeroPoint"],
  ]),
  edited(solutionCode, "dequantizes without subtracting the zero point", [
    ["dequantized: q.map((level) => (level - zeroPoint) * scale)", "dequantized: q.map((level) => level * scale)"],
  ]),
  edited(solutionCode, "affine zero point rounded down instead of to nearest", [
    ["Math.round(-128 - lo / scale)", "Math.floor(-128 - lo / scale)"],
  ]),
];

const pythonSolution = quantizeInt8Python.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "dequantizes without subtracting the zero point", [
    ['"dequantized": (q - zero_point) * scale', '"dequantized": q * scale'],
  ]),
  edited(pythonSolution, "symmetric range uses 128 levels per side", [
    ["np.abs(x).max() / 127", "np.abs(x).max() / 128"],
  ]),
  edited(pythonSolution, "symmetric scale from max(x) instead of max|x|: negative extremes overflow the range", [
    ["np.abs(x).max() / 127", "x.max() / 127"],
  ]),
  edited(pythonSolution, "affine range not widened to include 0", [
    ["lo, hi = min(x.min(), 0.0), max(x.max(), 0.0)", "lo, hi = x.min(), x.max()"],
  ]),
  edited(pythonSolution, "zero point truncated instead of rounded", [
    ["int(np.clip(round_half_up(-128 - lo / scale), -128, 127))", "int(np.clip(-128 - lo / scale, -128, 127))"],
  ]),
];
