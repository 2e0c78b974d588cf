import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { ropeApplyKernel } from "./kernel.ts";
import { ropeApplyPython } from "./python.ts";

const { solutionCode } = ropeApplyKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "always pairs (2i, 2i+1): the half-split (GPT-NeoX / rotate_half) layout comes out scrambled", [
    ['const a = layout === "interleaved" ? 2 * i : i;', "const a = 2 * i;"],
    ['const b = layout === "interleaved" ? 2 * i + 1 : i + half;', "const b = 2 * i + 1;"],
  ]),
  edited(solutionCode, "θ_i = base^(−i/d): the frequencies fall off half as fast as RoPE's base^(−2i/d)", [
    ["Math.pow(rotaryBase, (2 * i) / d)", "Math.pow(rotaryBase, i / d)"],
  ]),
  edited(solutionCode, "ignores the position offset: a decode token is rotated as if it were at position 0", [
    ["let p = positionOffset + t;", "let p = t;"],
  ]),
  edited(solutionCode, "NTK-aware scaling multiplies the base by the factor without the exponent d/(d − 2)", [
    ["base * Math.pow(scaling.factor, d / (d - 2))", "base * scaling.factor"],
  ]),
  edited(solutionCode, "rotation sign flipped: rotates by −angle (the transpose of the rotation)", [
    ["out[a] = head[a] * c - head[b] * s;", "out[a] = head[a] * c + head[b] * s;"],
    ["out[b] = head[a] * s + head[b] * c;", "out[b] = -head[a] * s + head[b] * c;"],
  ]),
  edited(solutionCode, "linear scaling multiplies the positions by the factor instead of dividing", [
    ['if (scaling.type === "linear") p /= scaling.factor;', 'if (scaling.type === "linear") p *= scaling.factor;'],
  ]),
];

const pythonSolution = ropeApplyPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "always pairs (i, i + d/2): the interleaved (GPT-J / Meta Llama) layout comes out scrambled", [
    ['if layout == "interleaved":\n        first, second', 'if layout == "never":\n        first, second'],
  ]),
  edited(pythonSolution, "theta_i = base ** (-i/d): the frequencies fall off half as fast as RoPE's", [
    ["np.arange(0, d, 2) / d", "np.arange(0, d // 2) / d"],
  ]),
  edited(pythonSolution, "ignores the position offset: a decode token is rotated as if it were at position 0", [
    ["positions = position_offset + np.arange(seq, dtype=np.float64)", "positions = np.arange(seq, dtype=np.float64)"],
  ]),
  edited(pythonSolution, "NTK-aware scaling without the exponent d/(d - 2)", [
    ['base * scaling["factor"] ** (d / (d - 2))', 'base * scaling["factor"]'],
  ]),
  edited(pythonSolution, "rotation sign flipped: rotates by -angle", [
    ["out[..., first] = a * cos - b * sin", "out[..., first] = a * cos + b * sin"],
    ["out[..., second] = a * sin + b * cos", "out[..., second] = -a * sin + b * cos"],
  ]),
  edited(pythonSolution, "linear scaling divides only t, not the offset: t / factor + offset", [
    [
      'positions = positions / scaling["factor"]',
      'positions = (positions - position_offset) / scaling["factor"] + position_offset',
    ],
  ]),
];
