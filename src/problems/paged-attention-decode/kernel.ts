import { float64, requireArray, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [
  query: Float64Array,
  keyCache: Float64Array,
  valueCache: Float64Array,
  blockTables: number[][],
  contextLens: number[],
  numQueryHeads: number,
  numKvHeads: number,
  headDim: number,
  blockSize: number,
];

/** Checks the sizes, the block tables and the context lengths; returns the number of blocks in the pool. */
function checkArgs(...[query, keyCache, valueCache, blockTables, contextLens, hq, hkv, d, blockSize]: Args): number {
  requireInteger(hkv, "numKvHeads", 1);
  requireInteger(hq, "numQueryHeads", 1);
  if (hq % hkv !== 0) throw new KernelInputError(`numQueryHeads ${hq} must be a multiple of numKvHeads ${hkv}`);
  requireInteger(d, "headDim", 1);
  requireInteger(blockSize, "blockSize", 1);
  requireArray(contextLens, "contextLens");
  requireArray(blockTables, "blockTables");
  const numSeqs = contextLens.length;
  if (numSeqs === 0 || blockTables.length !== numSeqs) {
    throw new KernelInputError("contextLens and blockTables must have one entry per sequence (at least one)");
  }
  float64(query, "query", numSeqs * hq * d);
  const blockElements = blockSize * hkv * d;
  const numBlocks = Math.floor(keyCache.length / blockElements);
  if (numBlocks === 0) throw new KernelInputError("keyCache must hold at least one block");
  float64(keyCache, "keyCache", numBlocks * blockElements);
  float64(valueCache, "valueCache", numBlocks * blockElements);
  const width = Array.isArray(blockTables[0]) ? blockTables[0].length : -1;
  contextLens.forEach((length, s) => {
    requireInteger(length, `contextLens[${s}]`, 1);
    const row = blockTables[s];
    if (!Array.isArray(row) || row.length !== width) {
      throw new KernelInputError(`blockTables[${s}] must have ${width} entries (unused ones −1)`);
    }
    const used = Math.ceil(length / blockSize);
    if (used > width) throw new KernelInputError(`sequence ${s} needs ${used} blocks; its table has ${width}`);
    row.forEach((block, j) => {
      if (j < used) requireInteger(block, `blockTables[${s}][${j}]`, 0, numBlocks - 1);
      else if (block !== -1) throw new KernelInputError(`blockTables[${s}][${j}] is past the sequence: must be −1`);
    });
  });
  return numBlocks;
}

/**
 * One decode step of paged attention (vLLM's PagedAttention): every sequence has one new query token and its
 * keys and values scattered over fixed-size blocks of a shared pool. Token t of sequence s is in block
 * blockTables[s][⌊t / blockSize⌋] at slot t mod blockSize; only the first contextLens[s] tokens exist (the
 * last block may be partly filled, the rest of its slots hold stale data). Query head h reads KV head
 * ⌊h / (Hq/Hkv)⌋. Each KV head's keys are read once for the whole group of query heads, with an online
 * (running max, running sum) softmax so no score buffer is needed.
 */
export function pagedAttentionDecode(...args: Args): Float64Array {
  checkArgs(...args);
  const [query, keyCache, valueCache, blockTables, contextLens, hq, hkv, d, blockSize] = args;
  const group = hq / hkv;
  const scale = 1 / Math.sqrt(d);
  const out = new Float64Array(contextLens.length * hq * d);
  const max = new Float64Array(group);
  const total = new Float64Array(group);
  const acc = new Float64Array(group * d);
  for (let s = 0; s < contextLens.length; s++) {
    const table = blockTables[s];
    for (let g = 0; g < hkv; g++) {
      max.fill(Number.NEGATIVE_INFINITY);
      total.fill(0);
      acc.fill(0);
      for (let t = 0; t < contextLens[s]; t++) {
        const base = ((table[Math.floor(t / blockSize)] * blockSize + (t % blockSize)) * hkv + g) * d;
        for (let j = 0; j < group; j++) {
          const q = (s * hq + g * group + j) * d;
          let score = 0;
          for (let c = 0; c < d; c++) score += query[q + c] * keyCache[base + c];
          score *= scale;
          const newMax = Math.max(max[j], score);
          const rescale = Math.exp(max[j] - newMax);
          const weight = Math.exp(score - newMax);
          total[j] = total[j] * rescale + weight;
          for (let c = 0; c < d; c++) acc[j * d + c] = acc[j * d + c] * rescale + weight * valueCache[base + c];
          max[j] = newMax;
        }
      }
      for (let j = 0; j < group; j++) {
        const o = (s * hq + g * group + j) * d;
        for (let c = 0; c < d; c++) out[o + c] = acc[j * d + c] / total[j];
      }
    }
  }
  return out;
}

/**
 * A pool of `numBlocks` blocks handed out in a shuffled order, as an allocator that has run for a while would:
 * each sequence's table lists its blocks; `sharedPrefixBlocks` > 0 makes every sequence start with the same
 * blocks (a forked prompt prefix).
 */
function pagedCase(
  rng: Rng,
  contextLens: number[],
  hq: number,
  hkv: number,
  d: number,
  blockSize: number,
  spareBlocks: number,
  sharedPrefixBlocks = 0,
): Args {
  const needs = contextLens.map((length) => Math.ceil(length / blockSize));
  const fresh = needs.reduce((a, n) => a + n - sharedPrefixBlocks, sharedPrefixBlocks);
  const numBlocks = fresh + spareBlocks;
  const order = Array.from({ length: numBlocks }, (_, i) => i);
  for (let i = numBlocks - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  let next = 0;
  const prefix = order.slice(0, sharedPrefixBlocks);
  next = sharedPrefixBlocks;
  const width = Math.max(...needs);
  const blockTables = needs.map((n) => {
    const own = order.slice(next, next + n - sharedPrefixBlocks);
    next += n - sharedPrefixBlocks;
    return [...prefix, ...own, ...new Array<number>(width - n).fill(-1)];
  });
  const cacheLength = numBlocks * blockSize * hkv * d;
  return [
    rng.float64Array(contextLens.length * hq * d, -1.5, 1.5),
    rng.float64Array(cacheLength, -1.5, 1.5),
    rng.float64Array(cacheLength, -2, 2),
    blockTables,
    contextLens,
    hq,
    hkv,
    d,
    blockSize,
  ];
}

function rounded(values: Float64Array): Float64Array {
  return values.map((v) => Math.round(v * 10) / 10);
}

export const pagedAttentionDecodeKernel: KernelSpec<Args, Float64Array> = {
  id: "paged-attention-decode",
  functionName: "pagedAttentionDecode",
  signature:
    "function pagedAttentionDecode(query: Float64Array, keyCache: Float64Array, valueCache: Float64Array, blockTables: number[][], contextLens: number[], numQueryHeads: number, numKvHeads: number, headDim: number, blockSize: number): Float64Array",
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 10, performance: 1 },
  reference: pagedAttentionDecode,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) {
        // two blocks of 2 slots, 1 KV head, d = 2; sequence 0 has 3 tokens in blocks [1, 0], slot 1 of block 0 stale
        const keyCache = Float64Array.of(0, 1, 9, 9, 1, 0, 1, 1);
        const valueCache = Float64Array.of(4, 4, 9, 9, 2, 0, 0, 2);
        return [Float64Array.of(1, 1, 0, 0), keyCache, valueCache, [[1, 0]], [3], 2, 1, 2, 2];
      }
      const [query, keyCache, valueCache, ...rest] = pagedCase(rng, [3, 5], 2, 1, 2, 2, 1);
      return [rounded(query), rounded(keyCache), rounded(valueCache), ...rest];
    }
    if (kind === "performance") {
      // a long-tailed batch: one 2048-token sequence and fifteen of 16–256 tokens, as serving traffic looks
      const lens = [2048, ...Array.from({ length: 15 }, () => rng.int(16, 256))];
      return pagedCase(rng, lens, 8, 2, 32, 16, 16);
    }
    switch (index) {
      case 0:
        return pagedCase(rng, [7, 4, 1], 4, 2, 4, 4, 2); // partial last blocks, a full one, a single token
      case 1:
        return pagedCase(rng, [8, 12], 4, 1, 3, 4, 3); // every last block exactly full; MQA
      case 2:
        return pagedCase(rng, [9, 11, 6], 8, 2, 4, 4, 1); // groups of four query heads
      case 3:
        return pagedCase(rng, [5, 13], 3, 3, 5, 4, 2); // multi-head attention (Hq = Hkv)
      case 4:
        return pagedCase(rng, [10, 14, 9], 4, 2, 4, 4, 2, 2); // a shared prompt prefix: the first two blocks
      case 5:
        return pagedCase(rng, [1, 2, 3], 2, 1, 6, 1, 2); // block size 1
      case 6:
        return pagedCase(rng, [17], 4, 2, 8, 16, 3); // one block of 16 then a single token in the next
      default: {
        const blockSize = rng.pick([2, 4, 8, 16]);
        const hkv = rng.int(1, 3);
        const lens = Array.from({ length: rng.int(1, 5) }, () => rng.int(1, 40));
        return pagedCase(rng, lens, hkv * rng.pick([1, 2, 4]), hkv, rng.int(1, 16), blockSize, rng.int(0, 4));
      }
    }
  },
  starterCode: `function pagedAttentionDecode(
  query: Float64Array,
  keyCache: Float64Array,
  valueCache: Float64Array,
  blockTables: number[][],
  contextLens: number[],
  numQueryHeads: number,
  numKvHeads: number,
  headDim: number,
  blockSize: number,
): Float64Array {
  // query: numSeqs × numQueryHeads × headDim; keyCache/valueCache: numBlocks × blockSize × numKvHeads × headDim.
  // Token t of sequence s: block blockTables[s][floor(t / blockSize)], slot t % blockSize; t < contextLens[s].
  // Query head h reads KV head floor(h / (numQueryHeads / numKvHeads)). Scores (q · k) / sqrt(headDim), softmax.
  // Return out: numSeqs × numQueryHeads × headDim, row-major. Performance is ranked.
  return new Float64Array(contextLens.length * numQueryHeads * headDim);
}
`,
  solutionCode: `function pagedAttentionDecode(
  query: Float64Array,
  keyCache: Float64Array,
  valueCache: Float64Array,
  blockTables: number[][],
  contextLens: number[],
  numQueryHeads: number,
  numKvHeads: number,
  headDim: number,
  blockSize: number,
): Float64Array {
  const d = headDim;
  const group = numQueryHeads / numKvHeads;
  const scale = 1 / Math.sqrt(d);
  const out = new Float64Array(contextLens.length * numQueryHeads * d);
  let scores = new Float64Array(0);
  for (let s = 0; s < contextLens.length; s++) {
    const len = contextLens[s];
    if (scores.length < len) scores = new Float64Array(len);
    for (let h = 0; h < numQueryHeads; h++) {
      const kv = Math.floor(h / group);
      const q = (s * numQueryHeads + h) * d;
      let max = -Infinity;
      for (let t = 0; t < len; t++) {
        const block = blockTables[s][Math.floor(t / blockSize)];
        const k = ((block * blockSize + (t % blockSize)) * numKvHeads + kv) * d;
        let dot = 0;
        for (let c = 0; c < d; c++) dot += query[q + c] * keyCache[k + c];
        scores[t] = dot * scale;
        if (scores[t] > max) max = scores[t];
      }
      let sum = 0;
      for (let t = 0; t < len; t++) {
        scores[t] = Math.exp(scores[t] - max);
        sum += scores[t];
      }
      for (let t = 0; t < len; t++) {
        const block = blockTables[s][Math.floor(t / blockSize)];
        const v = ((block * blockSize + (t % blockSize)) * numKvHeads + kv) * d;
        const w = scores[t] / sum;
        for (let c = 0; c < d; c++) out[q + c] += w * valueCache[v + c];
      }
    }
  }
  return out;
}
`,
};
