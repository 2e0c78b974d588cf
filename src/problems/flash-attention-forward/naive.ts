import type { WrongSolution } from "../../kernels/wrong-solutions.ts";

/**
 * The editorial's naive method: the whole n × n score matrix, a row-wise softmax, then the per-tile (m, l) read off
 * the stored scores. Correct, but O(n²) memory (128 MiB at the performance size, refused by the memory limit in
 * the sandbox) and every score is written to memory and read back three times.
 */
export const naive: WrongSolution = {
  why: "materialises the n × n score matrix, then a row softmax and the tile statistics from the stored scores",
  code: `function flashAttentionForward(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  n: number,
  d: number,
  br: number,
  bc: number,
): { out: Float64Array; lse: Float64Array; m: Float64Array; l: Float64Array } {
  const tiles = Math.ceil(n / bc);
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let x = 0; x < d; x++) dot += q[i * d + x] * k[j * d + x];
      s[i * n + j] = dot / Math.sqrt(d);
    }
  }
  const out = new Float64Array(n * d);
  const lse = new Float64Array(n);
  const m = new Float64Array(tiles * n);
  const l = new Float64Array(tiles * n);
  const tileMax = new Float64Array(tiles);
  const tileSum = new Float64Array(tiles);
  for (let i = 0; i < n; i++) {
    // each tile's own max and sum, then the prefix statistics from them
    for (let t = 0; t < tiles; t++) {
      const end = Math.min((t + 1) * bc, n);
      tileMax[t] = -Infinity;
      for (let j = t * bc; j < end; j++) tileMax[t] = Math.max(tileMax[t], s[i * n + j]);
      tileSum[t] = 0;
      for (let j = t * bc; j < end; j++) tileSum[t] += Math.exp(s[i * n + j] - tileMax[t]);
    }
    let runningMax = -Infinity;
    for (let t = 0; t < tiles; t++) {
      runningMax = Math.max(runningMax, tileMax[t]);
      let sum = 0;
      for (let u = 0; u <= t; u++) sum += tileSum[u] * Math.exp(tileMax[u] - runningMax);
      m[t * n + i] = runningMax;
      l[t * n + i] = sum;
    }
    // the softmax row, stored, then P·V
    const total = l[(tiles - 1) * n + i];
    for (let j = 0; j < n; j++) s[i * n + j] = Math.exp(s[i * n + j] - runningMax) / total;
    for (let j = 0; j < n; j++) {
      for (let x = 0; x < d; x++) out[i * d + x] += s[i * n + j] * v[j * d + x];
    }
    lse[i] = runningMax + Math.log(total);
  }
  return { out, lse, m, l };
}
`,
};
