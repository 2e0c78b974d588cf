import type { WrongSolution } from "../../kernels/wrong-solutions.ts";

/**
 * The editorial's naive method, what attention without paging does: copy every sequence's keys and values out of
 * the pool into a dense batch padded to the longest context, then attend over the padded length with a mask.
 * Correct, but with one long sequence among short ones most of the copying and scoring is padding.
 */
export const naive: WrongSolution = {
  why: "gathers the batch into dense K/V padded to the longest context, then masked attention over the padding",
  code: `function pagedAttentionDecode(
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
  const numSeqs = contextLens.length;
  const d = headDim;
  const maxLen = Math.max(...contextLens);
  const dense = (cache: Float64Array) => {
    const padded = new Float64Array(numSeqs * maxLen * numKvHeads * d);
    for (let s = 0; s < numSeqs; s++) {
      for (let t = 0; t < contextLens[s]; t++) {
        const from = (blockTables[s][Math.floor(t / blockSize)] * blockSize + (t % blockSize)) * numKvHeads * d;
        padded.set(cache.subarray(from, from + numKvHeads * d), (s * maxLen + t) * numKvHeads * d);
      }
    }
    return padded;
  };
  const keys = dense(keyCache);
  const values = dense(valueCache);
  const out = new Float64Array(numSeqs * numQueryHeads * d);
  const group = numQueryHeads / numKvHeads;
  for (let s = 0; s < numSeqs; s++) {
    for (let h = 0; h < numQueryHeads; h++) {
      const kv = Math.floor(h / group);
      const scores = new Float64Array(maxLen);
      for (let t = 0; t < maxLen; t++) {
        let dot = 0;
        for (let c = 0; c < d; c++) dot += query[(s * numQueryHeads + h) * d + c] * keys[((s * maxLen + t) * numKvHeads + kv) * d + c];
        scores[t] = t < contextLens[s] ? dot / Math.sqrt(d) : -Infinity;
      }
      const max = Math.max(...scores);
      let sum = 0;
      for (let t = 0; t < maxLen; t++) sum += Math.exp(scores[t] - max);
      for (let t = 0; t < maxLen; t++) {
        const w = Math.exp(scores[t] - max) / sum;
        for (let c = 0; c < d; c++) out[(s * numQueryHeads + h) * d + c] += w * values[((s * maxLen + t) * numKvHeads + kv) * d + c];
      }
    }
  }
  return out;
}
`,
};
