import { requireArray, requireFinite, requireVector } from "../../kernels/guards.ts";
import { round2 } from "../../kernels/numeric.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [blocks: number[][], otherMax: number, otherSum: number];
export type OnlineSoftmaxResult = { maxes: number[]; sums: number[]; max: number; sum: number; probs: number[] };

/**
 * One row of scores split in two, as split-K attention decoding does: this worker reads its part block by block
 * (as a FlashAttention tile loop does) and keeps the running state (m, d), d = Σ exp(x − m) over what it has read:
 * per block, m' = max(m, max(block)) and d' = d·exp(m − m') + Σ exp(x − m'). The other part arrives already
 * reduced to (otherMax, otherSum); the two states merge as M = max(m, m₂), D = d·exp(m − M) + d₂·exp(m₂ − M)
 * (Milakov & Gimelshein 2018). Returns the state after every block, the merged state, and this worker's
 * probabilities in the whole row, exp(x − M)/D in block order.
 */
export function onlineSoftmax(blocks: number[][], otherMax: number, otherSum: number): OnlineSoftmaxResult {
  requireArray(blocks, "blocks");
  if (blocks.length === 0) throw new KernelInputError("blocks must not be empty");
  for (const [index, block] of blocks.entries()) requireVector(block, `blocks[${index}]`);
  requireFinite(otherMax, "otherMax");
  requireFinite(otherSum, "otherSum");
  if (otherSum < 1)
    throw new KernelInputError(`otherSum counts exp(otherMax − otherMax) = 1, so it is ≥ 1; got ${otherSum}`);
  const maxes: number[] = [];
  const sums: number[] = [];
  let m = Number.NEGATIVE_INFINITY;
  let d = 0;
  for (const block of blocks) {
    const next = Math.max(m, ...block);
    // d = 0 before the first block: 0·exp(−∞) = 0, no NaN (m − next is −∞, not ∞ − ∞).
    let blockSum = 0;
    for (const x of block) blockSum += Math.exp(x - next);
    d = d * Math.exp(m - next) + blockSum;
    m = next;
    maxes.push(m);
    sums.push(d);
  }
  const max = Math.max(m, otherMax);
  const sum = d * Math.exp(m - max) + otherSum * Math.exp(otherMax - max);
  const probs = blocks.flatMap((block) => block.map((x) => Math.exp(x - max) / sum));
  return { maxes, sums, max, sum, probs };
}

/** The state (max, Σ exp(x − max)) of a row part, as the other worker would send it. */
function stateOf(values: readonly number[]): [max: number, sum: number] {
  const max = Math.max(...values);
  return [max, values.reduce((total, x) => total + Math.exp(x - max), 0)];
}

function randomCase(rng: Rng): Args {
  const blocks = Array.from({ length: rng.int(1, 8) }, () => rng.floats(rng.int(1, 16), -30, 30));
  return [blocks, ...stateOf(rng.floats(rng.int(1, 16), -30, 30))];
}

export const onlineSoftmaxKernel: KernelSpec<Args, OnlineSoftmaxResult> = {
  id: "online-softmax",
  functionName: "onlineSoftmax",
  signature:
    "function onlineSoftmax(blocks: number[][], otherMax: number, otherSum: number): { maxes: number[]; sums: number[]; max: number; sum: number; probs: number[] }",
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 11, performance: 0 },
  reference: onlineSoftmax,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [1, 3],
            [2, 5],
          ],
          4,
          2,
        ]; // the statement's trace; the other part is [4, 4]
      const blocks = [rng.floats(3, -4, 4).map(round2), rng.floats(2, -4, 4).map(round2)];
      return [blocks, ...stateOf(rng.floats(3, -4, 4).map(round2))];
    }
    switch (index) {
      case 0:
        return [[[-7]], -9, 1]; // one block of one value; the other part is one smaller value
      case 1:
        return [
          [
            [1, 2],
            [3, 4],
            [5, 6],
            [7, 8],
          ],
          0,
          1,
        ]; // the max moves in every block: the global max is wrong early
      case 2:
        return [
          [
            [9, 8, 7],
            [6, 5],
          ],
          1,
          2,
        ]; // the max is in the first block and never moves
      case 3:
        return [
          [
            [1, 2, 0],
            [-1, 3],
          ],
          12,
          1.5,
        ]; // the other part's max is larger: this side's sum is rescaled
      case 4:
        return [
          [
            [2000, -50],
            [2001, 1999],
          ],
          1998,
          3,
        ]; // exp without a running max overflows
      case 5:
        return [[[3, 3], [3], [3, 3, 3]], 3, 2]; // ties everywhere, the other max equal to this one
      case 6:
        return [[[-5, -1], [-3], [-2, -4, 0.5]], -20, 1]; // all negative; the max moves in the last block only
      default:
        return randomCase(rng);
    }
  },
  starterCode: `function onlineSoftmax(
  blocks: number[][],
  otherMax: number,
  otherSum: number,
): { maxes: number[]; sums: number[]; max: number; sum: number; probs: number[] } {
  // Read the blocks in order, keeping the running state (m, d), d = sum of exp(x - m) over what was read.
  // After each block push m to maxes and d to sums. Then merge (m, d) with (otherMax, otherSum) into
  // (max, sum), and return probs[i] = exp(x_i - max) / sum for this part's values in block order.
  return { maxes: blocks.map(() => 0), sums: blocks.map(() => 0), max: 0, sum: 0, probs: blocks.flat().map(() => 0) };
}
`,
  solutionCode: `function onlineSoftmax(
  blocks: number[][],
  otherMax: number,
  otherSum: number,
): { maxes: number[]; sums: number[]; max: number; sum: number; probs: number[] } {
  const maxes: number[] = [];
  const sums: number[] = [];
  let m = -Infinity;
  let d = 0;
  for (const block of blocks) {
    let next = m;
    for (const x of block) if (x > next) next = x;
    let blockSum = 0;
    for (const x of block) blockSum += Math.exp(x - next);
    d = d * Math.exp(m - next) + blockSum;
    m = next;
    maxes.push(m);
    sums.push(d);
  }
  const max = Math.max(m, otherMax);
  const sum = d * Math.exp(m - max) + otherSum * Math.exp(otherMax - max);
  const probs: number[] = [];
  for (const block of blocks) for (const x of block) probs.push(Math.exp(x - max) / sum);
  return { maxes, sums, max, sum, probs };
}
`,
};
