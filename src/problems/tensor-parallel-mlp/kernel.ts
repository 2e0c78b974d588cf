import { matrix, requireFinite, requireInteger, requireVector } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type TensorParallelResult = { partials: number[][][]; output: number[][]; bytesPerRank: number };

type Args = [
  x: number[][],
  w1: number[][],
  b1: number[],
  w2: number[][],
  b2: number[],
  ranks: number,
  bytesPerElement: number,
];

/** GeLU, tanh approximation (Hendrycks & Gimpel; GPT-2, Megatron-LM): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
export function gelu(x: number): number {
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
}

/**
 * Megatron-LM's tensor-parallel MLP on T simulated ranks: rank i holds columns [i·f/T, (i+1)·f/T) of W1 and b1
 * (column-parallel) and the same rows of W2 (row-parallel), computes Z_i = GeLU(X·W1_i + b1_i)·W2_i with no
 * communication, and one all-reduce (sum over ranks 0..T−1 in order) plus b2, added once, gives the output.
 */
export function tensorParallelMlp(
  x: number[][],
  w1: number[][],
  b1: number[],
  w2: number[][],
  b2: number[],
  ranks: number,
  bytesPerElement: number,
): TensorParallelResult {
  const rows = matrix(x, "x");
  const h = rows[0]?.length ?? 0;
  const first = matrix(w1, "w1", h);
  const f = first[0]?.length ?? 0;
  requireVector(b1, "b1", { length: f });
  const second = matrix(w2, "w2", f, h);
  requireVector(b2, "b2", { length: h });
  const t = requireInteger(ranks, "ranks", 1);
  if (f % t !== 0) throw new KernelInputError(`ranks (${t}) must divide the hidden MLP width f (${f})`);
  requireFinite(bytesPerElement, "bytesPerElement");
  if (bytesPerElement <= 0) throw new KernelInputError("bytesPerElement must be > 0");

  const shard = f / t;
  const partials: number[][][] = [];
  for (let rank = 0; rank < t; rank++) {
    const lo = rank * shard;
    const partial = rows.map((row) => {
      const activated = new Array<number>(shard);
      for (let j = 0; j < shard; j++) {
        let sum = b1[lo + j] as number;
        for (let k = 0; k < h; k++) sum += (row[k] as number) * (first[k]?.[lo + j] as number);
        activated[j] = gelu(sum);
      }
      const out = new Array<number>(h).fill(0);
      for (let j = 0; j < shard; j++) {
        const weights = second[lo + j] as number[];
        for (let c = 0; c < h; c++) out[c] = (out[c] as number) + (activated[j] as number) * (weights[c] as number);
      }
      return out;
    });
    partials.push(partial);
  }
  const output = rows.map((_, r) =>
    b2.map((bias, c) => {
      let sum = 0;
      for (let rank = 0; rank < t; rank++) sum += partials[rank]?.[r]?.[c] as number;
      return sum + bias;
    }),
  );
  const bytesPerRank = ((2 * (t - 1)) / t) * rows.length * h * bytesPerElement;
  return { partials, output, bytesPerRank };
}

function randomCase(rng: Rng, b: number, h: number, f: number, ranks: number): Args {
  return [
    rng.matrix(b, h, -2, 2),
    rng.matrix(h, f, -1, 1),
    rng.floats(f, -0.5, 0.5),
    rng.matrix(f, h, -1, 1),
    rng.floats(h, -0.5, 0.5),
    ranks,
    rng.pick([2, 4]),
  ];
}

export const tensorParallelMlpKernel: KernelSpec<Args, TensorParallelResult> = {
  id: "tensor-parallel-mlp",
  functionName: "tensorParallelMlp",
  signature: `function tensorParallelMlp(x: number[][], w1: number[][], b1: number[], w2: number[][], b2: number[],
  ranks: number, bytesPerElement: number): { partials: number[][][]; output: number[][]; bytesPerRank: number }`,
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 10, performance: 0 },
  reference: tensorParallelMlp,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) {
        return [
          [[1, -1]],
          [
            [1, 0, 0.5, -1],
            [0, 1, 0.5, 1],
          ],
          [0, 0, 0, 0.5],
          [
            [1, 0],
            [0, 1],
            [1, 1],
            [-1, 2],
          ],
          [0.1, -0.1],
          2,
          2,
        ];
      }
      return randomCase(rng, 3, 4, 8, 4);
    }
    switch (index) {
      case 0:
        // One rank: no communication, the dense MLP.
        return randomCase(rng, 2, 3, 4, 1);
      case 1:
        // As many ranks as hidden units: each rank holds one column of W1 and one row of W2.
        return randomCase(rng, 2, 3, 6, 6);
      case 2:
        // Large pre-activations, where GeLU's tanh form and the exact erf form differ most in relative terms.
        return [
          [[3, -3]],
          [
            [1, -1, 2, 0.5],
            [-1, 1, 0.5, 2],
          ],
          [0, -3, 1, 0],
          [
            [1, 0],
            [0, 1],
            [1, 1],
            [1, -1],
          ],
          [0, 0],
          2,
          2,
        ];
      case 3:
        return randomCase(rng, 1, 8, 16, 8);
      default: {
        const ranks = rng.pick([1, 2, 3, 4]);
        return randomCase(rng, rng.int(1, 6), rng.int(1, 8), ranks * rng.int(1, 4), ranks);
      }
    }
  },
  starterCode: `function tensorParallelMlp(x: number[][], w1: number[][], b1: number[], w2: number[][], b2: number[],
  ranks: number, bytesPerElement: number): { partials: number[][][]; output: number[][]; bytesPerRank: number } {
  // Rank i owns columns [i*f/T, (i+1)*f/T) of W1 and b1 and the same rows of W2: Z_i = GeLU(X W1_i + b1_i) W2_i.
  // One all-reduce sums the Z_i; add b2 once. A ring all-reduce sends 2(T-1)/T of the b x h output per rank.
  return { partials: [], output: x.map(() => b2.slice()), bytesPerRank: 0 };
}
`,
  solutionCode: `function gelu(v: number): number {
  return 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
}

function tensorParallelMlp(x: number[][], w1: number[][], b1: number[], w2: number[][], b2: number[],
  ranks: number, bytesPerElement: number): { partials: number[][][]; output: number[][]; bytesPerRank: number } {
  const h = x[0].length;
  const shard = b1.length / ranks;
  const partials: number[][][] = [];
  for (let rank = 0; rank < ranks; rank++) {
    const lo = rank * shard;
    partials.push(
      x.map((row) => {
        const out = new Array(h).fill(0);
        for (let j = lo; j < lo + shard; j++) {
          let pre = b1[j];
          for (let k = 0; k < h; k++) pre += row[k] * w1[k][j];
          const act = gelu(pre);
          for (let c = 0; c < h; c++) out[c] += act * w2[j][c];
        }
        return out;
      }),
    );
  }
  const output = x.map((_, r) =>
    b2.map((bias, c) => {
      let sum = 0;
      for (let rank = 0; rank < ranks; rank++) sum += partials[rank][r][c];
      return sum + bias;
    }),
  );
  const bytesPerRank = ((2 * (ranks - 1)) / ranks) * x.length * h * bytesPerElement;
  return { partials, output, bytesPerRank };
}
`,
};
