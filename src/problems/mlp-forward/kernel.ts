import { matrix } from "../../kernels/guards.ts";
import { roundedMatrix } from "../../kernels/numeric.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";
import { linearForward, linearShapes } from "../linear-forward/kernel.ts";

type Args = [X: number[][], weights: number[][][], biases: number[][]];

/**
 * A multilayer perceptron: layer l computes H·weights[l] + biases[l]; every layer but the last is followed
 * by ReLU, the last is linear (raw scores).
 */
function mlpForward(X: number[][], weights: number[][][], biases: number[][]): number[][] {
  matrix(X, "X");
  if (!Array.isArray(weights) || weights.length === 0)
    throw new KernelInputError("weights must list at least one layer");
  if (!Array.isArray(biases) || biases.length !== weights.length) {
    throw new KernelInputError(`biases must have one entry per layer (${weights.length})`);
  }
  let h = X;
  for (let layer = 0; layer < weights.length; layer++) {
    try {
      linearShapes(h, weights[layer], biases[layer]);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new KernelInputError(`layer ${layer}: ${reason}`);
    }
    const z = linearForward(h, weights[layer], biases[layer]);
    h = layer === weights.length - 1 ? z : z.map((row) => row.map((v) => Math.max(v, 0)));
  }
  return h;
}

function randomNetwork(rng: Rng, batch: number, sizes: number[]): Args {
  const weights: number[][][] = [];
  const biases: number[][] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    weights.push(rng.matrix(sizes[l], sizes[l + 1]));
    biases.push(rng.floats(sizes[l + 1], -0.5, 0.5));
  }
  return [rng.matrix(batch, sizes[0], -2, 2), weights, biases];
}

export const mlpForwardKernel: KernelSpec<Args, number[][]> = {
  id: "mlp-forward",
  functionName: "mlpForward",
  signature: "function mlpForward(X: number[][], weights: number[][][], biases: number[][]): number[][]",
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: mlpForward,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) {
        return [
          [
            [1, -1],
            [0.5, 2],
          ],
          [
            [
              [1, -1, 0],
              [2, 1, 1],
            ],
            [[1], [-1], [0.5]],
          ],
          [[0, 0.5, -1], [0.1]],
        ];
      }
      const [X, weights, biases] = randomNetwork(rng, 2, [3, 4, 2]);
      return [roundedMatrix(X), weights.map(roundedMatrix), roundedMatrix(biases)];
    }
    switch (index) {
      case 0:
        return randomNetwork(rng, 3, [4, 2]); // a single linear layer: no ReLU at all
      case 1:
        // all hidden pre-activations negative: ReLU zeroes them and the output is the last bias
        return [
          [[1, 2]],
          [
            [
              [-1, -1],
              [-1, -1],
            ],
            [[5], [7]],
          ],
          [[-0.5, -0.5], [0.25]],
        ];
      case 2:
        return randomNetwork(rng, 1, [1, 1, 1, 1]); // every width 1, three layers
      default: {
        const depth = rng.int(2, 4);
        const sizes = Array.from({ length: depth + 1 }, () => rng.int(1, 12));
        return randomNetwork(rng, rng.int(1, 8), sizes);
      }
    }
  },
  starterCode: `function mlpForward(X: number[][], weights: number[][][], biases: number[][]): number[][] {
  // Layer l: H_next = H · weights[l] + biases[l], where weights[l] is in_l × out_l.
  // Apply ReLU (max(0, v)) after every layer except the last one, which stays linear.
  // Return the last layer's output: X.length rows, one column per output unit.
  const last = biases[biases.length - 1];
  return X.map(() => last.map(() => 0));
}
`,
  solutionCode: `function mlpForward(X: number[][], weights: number[][][], biases: number[][]): number[][] {
  const dense = (H: number[][], W: number[][], b: number[]): number[][] =>
    H.map((h) => b.map((bias, j) => h.reduce((acc, v, p) => acc + v * W[p][j], bias)));
  let H = X;
  weights.forEach((W, layer) => {
    const Z = dense(H, W, biases[layer]);
    H = layer < weights.length - 1 ? Z.map((row) => row.map((v) => Math.max(0, v))) : Z;
  });
  return H;
}
`,
};
