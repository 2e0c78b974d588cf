import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { dpClipAndNoiseKernel } from "./kernel.ts";
import { dpClipAndNoisePython } from "./python.ts";

const { solutionCode } = dpClipAndNoiseKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "clips each coordinate to ±C instead of the L2 norm", [
    [
      "return norm > clipNorm ? g.map((v) => (v / norm) * clipNorm) : g.slice();",
      "return norm >= 0 ? g.map((v) => Math.max(-clipNorm, Math.min(clipNorm, v))) : g;",
    ],
  ]),
  edited(solutionCode, "noise σ·z without the clip norm C", [
    ["noiseMultiplier * clipNorm * z", "noiseMultiplier * z"],
  ]),
  edited(solutionCode, "sum not divided by the batch size", [
    ["total.map((v) => v / perExampleGrads.length)", "total"],
  ]),
  edited(solutionCode, "norm as √Σg²: overflows to ∞ for huge gradients, which then clip to 0", [
    ["const norm = Math.hypot(...g);", "const norm = Math.sqrt(g.reduce((s, v) => s + v * v, 0));"],
  ]),
  edited(solutionCode, "rescales every gradient to norm C, also the small ones", [
    ["return norm > clipNorm ?", "return norm > 0 ?"],
  ]),
];

const pythonSolution = dpClipAndNoisePython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  {
    why: "clips the summed gradient instead of each example's",
    code: `import numpy as np


def dp_clip_and_noise(per_example_grads: np.ndarray, clip_norm: float, noise_multiplier: float, noise: np.ndarray) -> dict:
    summed = per_example_grads.sum(axis=0)
    norm = np.sqrt((summed**2).sum())
    if norm > clip_norm:
        summed = summed * clip_norm / norm
    total = noise_multiplier * clip_norm * noise + summed
    return {"clipped_grads": per_example_grads, "noisy_gradient": total / per_example_grads.shape[0]}
`,
  },
  edited(pythonSolution, "clips each coordinate to ±C instead of the L2 norm", [
    ["            row[:] = row / norm * clip_norm", "            row[:] = np.clip(row, -clip_norm, clip_norm)"],
  ]),
  edited(pythonSolution, "noise σ·z without the clip norm C", [
    ["noise_multiplier * clip_norm * noise", "noise_multiplier * noise"],
  ]),
  edited(pythonSolution, "sum not divided by the batch size", [
    ['"noisy_gradient": total / per_example_grads.shape[0]', '"noisy_gradient": total'],
  ]),
  edited(pythonSolution, "norm as √Σg²: overflows to inf for huge gradients, which then clip to 0", [
    ["norm = math.hypot(*row)", "norm = math.sqrt(float((row * row).sum()))"],
  ]),
];
