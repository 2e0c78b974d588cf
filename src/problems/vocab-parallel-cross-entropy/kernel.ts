import { requireArray, requireMatrix } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type VocabParallelResult = {
  loss: number[];
  meanLoss: number;
  grad: number[][][];
  localMax: number[][];
  globalMax: number[];
  localTarget: number[][];
  targetLogit: number[];
  localSumExp: number[][];
  sumExp: number[];
};

type Args = [shards: number[][][], targets: number[]];

/** Validates T shards of N × S logits each and N targets in [0, T·S); returns [T, N, S]. */
function validate(shards: number[][][], targets: number[]): [number, number, number] {
  requireArray(shards, "shards");
  if (shards.length === 0) throw new KernelInputError("shards must hold at least one rank");
  let tokens = -1;
  let slice = -1;
  shards.forEach((shard, rank) => {
    const cols = requireMatrix(shard, `shards[${rank}]`);
    if (tokens === -1) {
      tokens = shard.length;
      slice = cols;
    } else if (shard.length !== tokens || cols !== slice) {
      throw new KernelInputError(
        `shards[${rank}] is ${shard.length}×${cols}, shards[0] is ${tokens}×${slice}: every rank holds N × V/T logits`,
      );
    }
  });
  requireArray(targets, "targets");
  if (targets.length !== tokens) {
    throw new KernelInputError(`targets must have one entry per token (${tokens}), got ${targets.length}`);
  }
  const vocab = shards.length * slice;
  targets.forEach((target, n) => {
    if (typeof target !== "number" || !Number.isInteger(target) || target < 0 || target >= vocab) {
      throw new KernelInputError(`targets[${n}] must be an integer in [0, ${vocab}), got ${String(target)}`);
    }
  });
  return [shards.length, tokens, slice];
}

/**
 * Megatron-LM's vocab-parallel cross-entropy on T simulated ranks. Rank r holds vocabulary ids
 * [r·S, (r+1)·S) of every token's logits. Three all-reduces over the ranks, each simulated as the sum or max of
 * the per-rank contributions in rank order: the max (for stability), the target's shifted logit (masked: 0 on
 * the ranks that do not hold the target), and the sum of exp(logit − max). Loss = log(sum) − shifted target
 * logit; each rank's gradient of the mean loss is (softmax − one-hot)/N on its own slice.
 */
export function vocabParallelCrossEntropy(shards: number[][][], targets: number[]): VocabParallelResult {
  const [ranks, tokens, slice] = validate(shards, targets);
  const localMax = shards.map((shard) => shard.map((row) => Math.max(...row)));
  const globalMax = Array.from({ length: tokens }, (_, n) => {
    let max = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < ranks; r++) max = Math.max(max, (localMax[r] as number[])[n] as number);
    return max;
  });
  const localTarget = shards.map((shard, r) =>
    shard.map((row, n) => {
      const local = (targets[n] as number) - r * slice;
      return local >= 0 && local < slice ? (row[local] as number) - (globalMax[n] as number) : 0;
    }),
  );
  const localSumExp = shards.map((shard) =>
    shard.map((row, n) => {
      let sum = 0;
      for (const value of row) sum += Math.exp(value - (globalMax[n] as number));
      return sum;
    }),
  );
  const reduceSum = (parts: number[][]): number[] =>
    Array.from({ length: tokens }, (_, n) => {
      let sum = 0;
      for (let r = 0; r < ranks; r++) sum += (parts[r] as number[])[n] as number;
      return sum;
    });
  const targetLogit = reduceSum(localTarget);
  const sumExp = reduceSum(localSumExp);
  const loss = sumExp.map((sum, n) => Math.log(sum) - (targetLogit[n] as number));
  let total = 0;
  for (const value of loss) total += value;
  const meanLoss = total / tokens;
  const grad = shards.map((shard, r) =>
    shard.map((row, n) => {
      const local = (targets[n] as number) - r * slice;
      return row.map((value, j) => {
        const softmax = Math.exp(value - (globalMax[n] as number)) / (sumExp[n] as number);
        return (softmax - (j === local ? 1 : 0)) / tokens;
      });
    }),
  );
  return { loss, meanLoss, grad, localMax, globalMax, localTarget, targetLogit, localSumExp, sumExp };
}

function randomShards(rng: Rng, ranks: number, tokens: number, slice: number, scale: number): number[][][] {
  return Array.from({ length: ranks }, () => rng.matrix(tokens, slice, -scale, scale));
}

function randomTargets(rng: Rng, tokens: number, vocab: number): number[] {
  return Array.from({ length: tokens }, () => rng.int(0, vocab - 1));
}

const SIGNATURE_TYPES = `type VocabParallelResult = {
  loss: number[]; meanLoss: number; grad: number[][][];
  localMax: number[][]; globalMax: number[];
  localTarget: number[][]; targetLogit: number[];
  localSumExp: number[][]; sumExp: number[];
};`;

export const vocabParallelCrossEntropyKernel: KernelSpec<Args, VocabParallelResult> = {
  id: "vocab-parallel-cross-entropy",
  functionName: "vocabParallelCrossEntropy",
  signature: `${SIGNATURE_TYPES}
function vocabParallelCrossEntropy(shards: number[][][], targets: number[]): VocabParallelResult`,
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 14, performance: 0 },
  reference: vocabParallelCrossEntropy,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) {
        // V = 6 on T = 2 ranks (3 ids each), 2 tokens: token 0's target 5 is on rank 1, token 1's target 0 on rank 0.
        return [
          [
            [
              [1, 2, 0],
              [0, 0, 3],
            ],
            [
              [0, 3, 1],
              [1, 2, 0],
            ],
          ],
          [5, 0],
        ];
      }
      // Logits of magnitude 1e4 on 4 ranks: exp overflows without the max shift.
      return [randomShards(rng, 4, 3, 2, 1e4), [7, 0, 3]];
    }
    switch (index) {
      case 0:
        // The max of every token is on a different rank than its target, with large logits.
        return [
          [
            [
              [10000, -5000],
              [-3000, 9990],
            ],
            [
              [9995, 2],
              [9999, -10000],
            ],
          ],
          [2, 0],
        ];
      case 1:
        // Targets at the first and last id of every slice (the boundaries of the vocab ranges).
        return [randomShards(rng, 3, 6, 4, 3), [0, 3, 4, 7, 8, 11]];
      case 2:
        // One rank: the all-reduces are identities.
        return [randomShards(rng, 1, 4, 5, 2), [0, 4, 2, 1]];
      case 3:
        // Every target on the last rank, large logits spread over ranks.
        return [randomShards(rng, 4, 5, 3, 1e4), [9, 10, 11, 9, 11]];
      case 4:
        // One id per rank (S = 1): the vocabulary is spread one id per rank.
        return [randomShards(rng, 6, 3, 1, 5), [5, 0, 3]];
      case 5:
        // Targets only below S: a lookup that forgets the rank's vocab start finds them on every rank.
        return [randomShards(rng, 3, 4, 3, 2), [0, 1, 2, 1]];
      case 6:
        // Ranks whose logits are far below the max: their exp terms underflow to 0, the loss stays finite.
        return [
          [rng.matrix(2, 3, 9000, 10000), rng.matrix(2, 3, -10000, -9000)],
          [4, 1],
        ];
      default: {
        const ranks = rng.int(1, 4);
        const slice = rng.int(1, 6);
        const tokens = rng.int(1, 6);
        const scale = rng.pick([1, 10, 1e4]);
        return [randomShards(rng, ranks, tokens, slice, scale), randomTargets(rng, tokens, ranks * slice)];
      }
    }
  },
  starterCode: `${SIGNATURE_TYPES}

function vocabParallelCrossEntropy(shards: number[][][], targets: number[]): VocabParallelResult {
  // Rank r holds vocabulary ids [r*S, (r+1)*S). Three all-reduces: max, the target's shifted logit, the sum of exp.
  const n = targets.length;
  return {
    loss: new Array(n).fill(0), meanLoss: 0, grad: shards.map((s) => s.map((row) => row.map(() => 0))),
    localMax: [], globalMax: [], localTarget: [], targetLogit: [], localSumExp: [], sumExp: [],
  };
}
`,
  solutionCode: `${SIGNATURE_TYPES}

function vocabParallelCrossEntropy(shards: number[][][], targets: number[]): VocabParallelResult {
  const ranks = shards.length;
  const tokens = targets.length;
  const slice = shards[0][0].length;
  const allReduce = (parts: number[][], op: (a: number, b: number) => number): number[] =>
    parts[0].map((_, n) => parts.slice(1).reduce((acc, part) => op(acc, part[n]), parts[0][n]));

  // 1. all-reduce(max): the global max of every token, from each rank's local max.
  const localMax = shards.map((shard) => shard.map((row) => Math.max(...row)));
  const globalMax = allReduce(localMax, Math.max);

  // 2. all-reduce(sum) of the target's shifted logit: only the rank holding the target contributes.
  const localTarget = shards.map((shard, r) =>
    shard.map((row, n) => {
      const local = targets[n] - r * slice;
      return local >= 0 && local < slice ? row[local] - globalMax[n] : 0;
    }),
  );
  const targetLogit = allReduce(localTarget, (a, b) => a + b);

  // 3. all-reduce(sum) of the local sums of exp(logit - global max).
  const localSumExp = shards.map((shard) =>
    shard.map((row, n) => row.reduce((sum, value) => sum + Math.exp(value - globalMax[n]), 0)),
  );
  const sumExp = allReduce(localSumExp, (a, b) => a + b);

  const loss = sumExp.map((sum, n) => Math.log(sum) - targetLogit[n]);
  const meanLoss = loss.reduce((a, b) => a + b, 0) / tokens;
  const grad = shards.map((shard, r) =>
    shard.map((row, n) => {
      const local = targets[n] - r * slice;
      return row.map((value, j) => (Math.exp(value - globalMax[n]) / sumExp[n] - (j === local ? 1 : 0)) / tokens);
    }),
  );
  return { loss, meanLoss, grad, localMax, globalMax, localTarget, targetLogit, localSumExp, sumExp };
}
`,
};
