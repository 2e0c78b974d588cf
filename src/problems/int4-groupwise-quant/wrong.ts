import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { int4GroupwiseQuantKernel } from "./kernel.ts";
import { int4GroupwiseQuantPython } from "./python.ts";

const { solutionCode } = int4GroupwiseQuantKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "packs the even column into the high nibble", [
    ["bytes.push(q[c] | (q[c + 1] << 4));", "bytes.push((q[c] << 4) | q[c + 1]);"],
  ]),
  edited(solutionCode, "symmetric quantisation: no zero point, the grid centred on 8 with scale max|w|/7", [
    [
      "      const scale = (hi - lo) / 15;\n      const zero = roundEven(-lo / scale);",
      "      const scale = Math.max(-lo, hi) / 7;\n      const zero = 8;",
    ],
  ]),
  edited(solutionCode, "one scale for the whole row instead of one per group", [
    [
      "      let lo = Math.min(0, ...group);\n      let hi = Math.max(0, ...group);",
      "      let lo = Math.min(0, ...row);\n      let hi = Math.max(0, ...row);",
    ],
  ]),
  edited(solutionCode, "truncates w / scale instead of rounding it", [
    ["const level = clamp(roundEven(v / scale) + zero);", "const level = clamp(Math.trunc(v / scale) + zero);"],
  ]),
  edited(solutionCode, "rounds half away from zero (Math.round) instead of half to even", [
    ["return d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 === 0 ? f : f + 1;", "return Math.round(v);"],
  ]),
  edited(solutionCode, "range from the group's min and max only: an all-positive group loses its zero", [
    [
      "      let lo = Math.min(0, ...group);\n      let hi = Math.max(0, ...group);",
      "      let lo = Math.min(...group);\n      let hi = Math.max(...group);",
    ],
    ["const zero = roundEven(-lo / scale);", "const zero = clamp(roundEven(-lo / scale));"],
  ]),
  edited(solutionCode, "the GEMV uses the original weights instead of the dequantised ones", [
    ["dot += (level - zero) * scale * x[start + i];", "dot += v * x[start + i];"],
  ]),
];

const pythonSolution = int4GroupwiseQuantPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "packs the even column into the high nibble", [
    ["packed = levels[:, 0::2] | (levels[:, 1::2] << 4)", "packed = (levels[:, 0::2] << 4) | levels[:, 1::2]"],
  ]),
  edited(pythonSolution, "symmetric quantisation: no zero point, the grid centred on 8 with scale max|w|/7", [
    [
      "    scales = (hi - lo) / 15\n    zeros = np.round(-lo / scales)  # np.round rounds half to even",
      "    scales = np.maximum(-lo, hi) / 7\n    zeros = np.full_like(scales, 8.0)",
    ],
  ]),
  edited(pythonSolution, "one scale for the whole row instead of one per group", [
    [
      "    lo = np.minimum(groups.min(axis=2), 0.0)\n    hi = np.maximum(groups.max(axis=2), 0.0)",
      "    lo = np.minimum(groups.min(axis=(1, 2), keepdims=True)[:, :, 0].repeat(groups.shape[1], axis=1), 0.0)\n    hi = np.maximum(groups.max(axis=(1, 2), keepdims=True)[:, :, 0].repeat(groups.shape[1], axis=1), 0.0)",
    ],
  ]),
  edited(pythonSolution, "truncates w / scale instead of rounding it", [
    ["q = np.clip(np.round(groups / scales[:, :, None])", "q = np.clip(np.trunc(groups / scales[:, :, None])"],
  ]),
  edited(pythonSolution, "rounds half away from zero instead of half to even", [
    [
      "q = np.clip(np.round(groups / scales[:, :, None])",
      "q = np.clip(np.sign(groups) * np.floor(np.abs(groups / scales[:, :, None]) + 0.5)",
    ],
  ]),
  edited(pythonSolution, "range from the group's min and max only: an all-positive group loses its zero", [
    [
      "    lo = np.minimum(groups.min(axis=2), 0.0)\n    hi = np.maximum(groups.max(axis=2), 0.0)",
      "    lo = groups.min(axis=2)\n    hi = groups.max(axis=2)",
    ],
    [
      "zeros = np.round(-lo / scales)  # np.round rounds half to even",
      "zeros = np.clip(np.round(-lo / scales), 0, 15)",
    ],
  ]),
  edited(pythonSolution, "the GEMV uses the original weights instead of the dequantised ones", [
    ['"y": dequantized @ x}', '"y": w @ x}'],
  ]),
];
