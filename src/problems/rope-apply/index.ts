import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { ropeApplyKernel } from "./kernel.ts";
import { ropeApplyPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "rope-apply",
  kernel: ropeApplyKernel,
  python: ropeApplyPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "9118029eedf75bffe21d761dc719f19cf16e44d06814a23cf41547678be73026",
  starterCommentsZh: {
    "x is seq × heads × d. Token t is at position p = positionOffset + t (p / factor under linear scaling).":
      "x 是 seq × heads × d。第 t 个 token 的位置 p = positionOffset + t（linear 缩放下为 p / factor）。",
    "Pair i (0 ≤ i < d/2) rotates by p·θ_i, θ_i = base^(-2i/d) (base·factor^(d/(d-2)) under NTK scaling).":
      "第 i 对（0 ≤ i < d/2）旋转 p·θ_i，θ_i = base^(-2i/d)（NTK 缩放下底数为 base·factor^(d/(d-2))）。",
    "Pairs: (2i, 2i+1) when interleaved, (i, i + d/2) when half. (a, b) → (a·cos − b·sin, a·sin + b·cos).":
      "配对：interleaved 时为 (2i, 2i+1)，half 时为 (i, i + d/2)。(a, b) → (a·cos − b·sin, a·sin + b·cos)。",
    'x is (seq, heads, d). Token t is at position p = position_offset + t (p / factor under "linear" scaling).':
      'x 的形状是 (seq, heads, d)。第 t 个 token 的位置 p = position_offset + t（"linear" 缩放下为 p / factor）。',
    'Pair i (0 <= i < d/2) rotates by p * theta_i, theta_i = base ** (-2i/d) (base * factor ** (d/(d-2)) under "ntk").':
      '第 i 对（0 <= i < d/2）旋转 p * theta_i，theta_i = base ** (-2i/d)（"ntk" 下底数为 base * factor ** (d/(d-2))）。',
    'Pairs: (2i, 2i+1) when layout == "interleaved", (i, i + d/2) when "half". (a, b) -> (a cos - b sin, a sin + b cos).':
      '配对：layout == "interleaved" 时为 (2i, 2i+1)，"half" 时为 (i, i + d/2)。(a, b) -> (a cos - b sin, a sin + b cos)。',
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
