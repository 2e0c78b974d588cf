import { requireFinite, requireMatrix, requireVector } from "../../kernels/guards.ts";
import { round2 } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [perExampleGrads: number[][], clipNorm: number, noiseMultiplier: number, noise: number[]];
export type DpResult = { clippedGrads: number[][]; noisyGradient: number[] };

/**
 * One DP-SGD aggregation step (Abadi et al.), with the Gaussian draw as input: each example's gradient g_i
 * is scaled by min(1, C/‖g_i‖₂); the clipped gradients are summed, σ·C·noise is added (noise ~ N(0, I)),
 * and the sum is divided by the batch size B. A zero gradient stays zero.
 */
function dpClipAndNoise(
  perExampleGrads: number[][],
  clipNorm: number,
  noiseMultiplier: number,
  noise: number[],
): DpResult {
  const dims = requireMatrix(perExampleGrads, "perExampleGrads");
  requireFinite(clipNorm, "clipNorm");
  if (clipNorm <= 0) throw new KernelInputError(`clipNorm must be > 0, got ${clipNorm}`);
  requireFinite(noiseMultiplier, "noiseMultiplier");
  if (noiseMultiplier < 0) throw new KernelInputError(`noiseMultiplier must be ≥ 0, got ${noiseMultiplier}`);
  requireVector(noise, "noise");
  if (noise.length !== dims) throw new KernelInputError(`noise has length ${noise.length}, gradients have ${dims}`);
  const clippedGrads = perExampleGrads.map((grad) => {
    // Scale before squaring so huge gradients do not overflow the norm.
    let peak = 0;
    for (const g of grad) peak = Math.max(peak, Math.abs(g));
    let scaledSquares = 0;
    if (peak > 0) for (const g of grad) scaledSquares += (g / peak) ** 2;
    const norm = peak * Math.sqrt(scaledSquares);
    const factor = norm > clipNorm ? clipNorm / norm : 1;
    return grad.map((g) => g * factor);
  });
  const batch = perExampleGrads.length;
  const noisyGradient = noise.map((z, j) => {
    let sum = 0;
    for (const grad of clippedGrads) sum += grad[j];
    return (sum + noiseMultiplier * clipNorm * z) / batch;
  });
  return { clippedGrads, noisyGradient };
}

export const dpClipAndNoiseKernel: KernelSpec<Args, DpResult> = {
  id: "dp-clip-and-noise",
  functionName: "dpClipAndNoise",
  signature:
    "function dpClipAndNoise(perExampleGrads: number[][], clipNorm: number, noiseMultiplier: number, noise: number[]): { clippedGrads: number[][]; noisyGradient: number[] }",
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: dpClipAndNoise,
  generate(kind, index, rng) {
    if (kind === "sample") {
      return index === 0
        ? [
            [
              [3, 4],
              [0.3, 0.4],
            ],
            1,
            0.5,
            [0.2, -1],
          ]
        : [rng.matrix(3, 3, -2, 2).map((row) => row.map(round2)), 1.5, 1, rng.floats(3).map(round2)];
    }
    switch (index) {
      case 0:
        return [[[0, 0, 0]], 1, 1, [1, 2, 3]]; // a zero gradient: only noise
      case 1:
        return [[[6, 8]], 10, 0, [5, 5]]; // norm exactly 10 = C: not clipped; σ = 0 ignores noise
      case 2:
        return [
          [
            [1e200, -1e200],
            [-3, 0],
          ],
          2,
          0.1,
          [0, 0],
        ]; // a huge gradient must not overflow the norm
      default: {
        const batch = rng.int(1, 16);
        const dims = rng.int(1, 20);
        const grads = Array.from({ length: batch }, () => {
          const magnitude = rng.pick([0.01, 1, 10]);
          return rng.floats(dims, -magnitude, magnitude);
        });
        const noise = Array.from({ length: dims }, () => rng.normal());
        return [grads, rng.pick([0.1, 1, 5]), rng.pick([0, 0.5, 1.1, 4]), noise];
      }
    }
  },
  starterCode: `function dpClipAndNoise(
  perExampleGrads: number[][],
  clipNorm: number,
  noiseMultiplier: number,
  noise: number[],
): { clippedGrads: number[][]; noisyGradient: number[] } {
  // Clip each example's gradient to L2 norm <= clipNorm (scale by min(1, clipNorm / norm)), sum them,
  // add noiseMultiplier * clipNorm * noise, divide by the batch size.
  return { clippedGrads: perExampleGrads.map((g) => g.slice()), noisyGradient: noise.map(() => 0) };
}
`,
  solutionCode: `function dpClipAndNoise(
  perExampleGrads: number[][],
  clipNorm: number,
  noiseMultiplier: number,
  noise: number[],
): { clippedGrads: number[][]; noisyGradient: number[] } {
  const clippedGrads = perExampleGrads.map((g) => {
    const norm = Math.hypot(...g);
    return norm > clipNorm ? g.map((v) => (v / norm) * clipNorm) : g.slice();
  });
  const total = noise.map((z) => noiseMultiplier * clipNorm * z);
  for (const g of clippedGrads) g.forEach((v, j) => (total[j] += v));
  return { clippedGrads, noisyGradient: total.map((v) => v / perExampleGrads.length) };
}
`,
};
