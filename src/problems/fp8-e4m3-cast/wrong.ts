import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { fp8E4m3CastKernel } from "./kernel.ts";
import { fp8E4m3CastPython } from "./python.ts";

const { solutionCode } = fp8E4m3CastKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "exponent bias 8 instead of 7: every value is off by a factor of 2", [
    ["return sign | ((e + 7) << 3) | (m - 8);", "return sign | ((e + 8) << 3) | (m - 8);"],
  ]),
  edited(solutionCode, "rounds half up (Math.round) instead of half to even", [
    ["return d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 === 0 ? f : f + 1;", "return Math.round(v);"],
  ]),
  edited(solutionCode, "no subnormals: everything below 2^-6 flushes to zero", [
    ["if (a < 2 ** -6) return sign | roundEven(a / 2 ** -9);", "if (a < 2 ** -6) return sign;"],
  ]),
  edited(solutionCode, "IEEE-style E4M3 with infinities: the largest finite value taken as 240", [
    ["const a = Math.min(Math.abs(v), 448);", "const a = Math.min(Math.abs(v), 240);"],
    ["used = amax > 0 ? amax / 448 : 1;", "used = amax > 0 ? amax / 240 : 1;"],
  ]),
  edited(solutionCode, "does not saturate: values beyond 448 become NaN", [
    [
      "const a = Math.min(Math.abs(v), 448);",
      "if (Math.abs(v) >= 464) return 0x7f;\n    const a = Math.min(Math.abs(v), 448);",
    ],
  ]),
  edited(solutionCode, "truncates the mantissa instead of rounding to nearest", [
    ["let m = roundEven(a / 2 ** (e - 3));", "let m = Math.floor(a / 2 ** (e - 3));"],
  ]),
  edited(solutionCode, "amax taken over every value: one infinity or NaN poisons the scale", [
    [
      "for (const v of x) if (Number.isFinite(v)) amax = Math.max(amax, Math.abs(v));",
      "for (const v of x) amax = Math.max(amax, Math.abs(v));",
    ],
  ]),
];

const pythonSolution = fp8E4m3CastPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "exponent bias 8 instead of 7: every value is off by a factor of 2", [
    ["return sign | ((e + 7) << 3) | (m - 8)", "return sign | ((e + 8) << 3) | (m - 8)"],
  ]),
  edited(pythonSolution, "rounds half up instead of half to even", [
    ["m = int(np.round(a / 2.0 ** (e - 3)))", "m = int(math.floor(a / 2.0 ** (e - 3) + 0.5))"],
    [
      "return sign | int(np.round(a / 2.0 ** -9))  # np.round rounds half to even",
      "return sign | int(math.floor(a / 2.0 ** -9 + 0.5))",
    ],
  ]),
  edited(pythonSolution, "no subnormals: everything below 2^-6 flushes to zero", [
    ["return sign | int(np.round(a / 2.0 ** -9))  # np.round rounds half to even", "return sign"],
  ]),
  edited(pythonSolution, "IEEE-style E4M3 with infinities: the largest finite value taken as 240", [
    ["a = min(abs(v), 448.0)", "a = min(abs(v), 240.0)"],
    ["scale = amax / 448 if amax > 0 else 1.0", "scale = amax / 240 if amax > 0 else 1.0"],
  ]),
  edited(pythonSolution, "does not saturate: values beyond 448 become NaN", [
    ["a = min(abs(v), 448.0)", "if abs(v) >= 464:\n        return 0x7F\n    a = min(abs(v), 448.0)"],
  ]),
  edited(pythonSolution, "truncates the mantissa instead of rounding to nearest", [
    ["m = int(np.round(a / 2.0 ** (e - 3)))", "m = int(a / 2.0 ** (e - 3))"],
  ]),
  edited(pythonSolution, "amax taken over every value: one infinity or NaN poisons the scale", [
    ["finite = np.abs(x[np.isfinite(x)])", "finite = np.abs(x)"],
  ]),
];
