import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { rmsNormFusedResidualKernel } from "./kernel.ts";
import { rmsNormFusedResidualPython } from "./python.ts";

const { solutionCode } = rmsNormFusedResidualKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "normalises x alone: the residual is added to the stream but not to the norm's input", [
    ["for (const v of h) meanSquare += v * v;", "for (const v of x[i]) meanSquare += v * v;"],
    ["out.push(h.map((v, j) => v * inv * gamma[j]));", "out.push(x[i].map((v, j) => v * inv * gamma[j]));"],
  ]),
  edited(solutionCode, "returns the old residual instead of the new stream x + residual", [
    ["return { out, residual: stream };", "return { out, residual };"],
  ]),
  edited(solutionCode, "LayerNorm: subtracts the row mean before normalising", [
    [
      "const h = x[i].map((v, j) => v + residual[i][j]);",
      "const sum = x[i].map((v, j) => v + residual[i][j]);\n    const mean = sum.reduce((a, v) => a + v, 0) / sum.length;\n    const h = sum.map((v) => v - mean);",
    ],
    ["stream.push(h);", "stream.push(sum);"],
  ]),
  edited(solutionCode, "eps added outside the square root", [
    ["1 / Math.sqrt(meanSquare + eps)", "1 / (Math.sqrt(meanSquare) + eps)"],
  ]),
  edited(solutionCode, "sum of squares instead of their mean (the norm shrinks with sqrt(d))", [
    ["meanSquare /= h.length;", ""],
  ]),
  edited(solutionCode, "scales by 1 + gamma (Gemma's stored-offset convention) instead of gamma", [
    ["v * inv * gamma[j]", "v * inv * (1 + gamma[j])"],
  ]),
  edited(solutionCode, "accumulates the mean square in float32: off by ~1e-7 relative", [
    ["meanSquare += v * v;", "meanSquare = Math.fround(meanSquare + v * v);"],
  ]),
];

const pythonSolution = rmsNormFusedResidualPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "normalises x alone: the residual is added to the stream but not to the norm's input", [
    ["np.mean(h * h, axis=-1, keepdims=True)", "np.mean(x * x, axis=-1, keepdims=True)"],
    ['"out": h / rms * gamma', '"out": x / rms * gamma'],
  ]),
  edited(pythonSolution, "returns the old residual instead of the new stream x + residual", [
    ['"residual": h}', '"residual": residual}'],
  ]),
  edited(pythonSolution, "LayerNorm: subtracts the row mean (np.var) before normalising", [
    ["np.mean(h * h, axis=-1, keepdims=True)", "np.var(h, axis=-1, keepdims=True)"],
    ['"out": h / rms * gamma', '"out": (h - h.mean(axis=-1, keepdims=True)) / rms * gamma'],
  ]),
  edited(pythonSolution, "eps added outside the square root", [
    ["np.sqrt(np.mean(h * h, axis=-1, keepdims=True) + eps)", "np.sqrt(np.mean(h * h, axis=-1, keepdims=True)) + eps"],
  ]),
  edited(pythonSolution, "sum of squares instead of their mean (np.sum)", [
    ["np.mean(h * h, axis=-1, keepdims=True)", "np.sum(h * h, axis=-1, keepdims=True)"],
  ]),
  edited(pythonSolution, "mean over the tokens (axis 0) instead of the hidden dimension", [
    ["np.mean(h * h, axis=-1, keepdims=True)", "np.mean(h * h, axis=0, keepdims=True)"],
  ]),
  edited(pythonSolution, "scales by 1 + gamma (Gemma's stored-offset convention) instead of gamma", [
    ["h / rms * gamma", "h / rms * (1 + gamma)"],
  ]),
];
