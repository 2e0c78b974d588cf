import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { fp8E4m3CastKernel } from "./kernel.ts";
import { fp8E4m3CastPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "fp8-e4m3-cast",
  kernel: fp8E4m3CastKernel,
  python: fp8E4m3CastPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "0bbe3e11407379d1e12a0e8814075185eb5dcd4c3c49b02c7f0d2e68ab2ab702",
  starterCommentsZh: {
    "E4M3 (bias 7, max 448, S.1111.111 = NaN, subnormals m * 2^-9), round to nearest even, saturate to ±448.":
      "E4M3（偏置 7，最大值 448，S.1111.111 = NaN，次正规数为 m * 2^-9），就近舍入、平局取偶，饱和到 ±448。",
    "scale null: scale = max |finite x| / 448 (1 when that is 0). bytes[i] encodes x[i] / scale;":
      "scale 为 null 时：scale = max |finite x| / 448（该值为 0 时取 1）。bytes[i] 编码 x[i] / scale；",
    "decoded[i] = value(bytes[i]) * scale.": "解码值 decoded[i] = value(bytes[i]) * scale。",
    "E4M3 (bias 7, max 448, S.1111.111 = NaN, subnormals m * 2^-9), round to nearest even, saturate to +-448.":
      "E4M3（偏置 7，最大值 448，S.1111.111 = NaN，次正规数为 m * 2^-9），就近舍入、平局取偶，饱和到 +-448。",
    "scale None: scale = max |finite x| / 448 (1 when that is 0). bytes[i] encodes x[i] / scale;":
      "scale 为 None 时：scale = max |finite x| / 448（该值为 0 时取 1）。bytes[i] 编码 x[i] / scale；",
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。不能用库里的 FP8 类型（ml_dtypes、torch.float8_e4m3fn）。",
};
