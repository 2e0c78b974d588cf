import { float64, requireInteger } from "../../kernels/guards.ts";
import { round2 } from "../../kernels/numeric.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  seqQ: number,
  seqK: number,
  dK: number,
  dV: number,
  causal: boolean,
];

/**
 * Fixed queries and keys whose scores all lie near `sign`·800 (beyond exp's range either way) with differences of
 * about two between neighbouring keys, so only a max-shifted softmax gets the weights right, whatever the seed.
 */
function extremeScores(sign: 1 | -1, seqQ: number, seqK: number, causal: boolean): Args {
  const dK = 4;
  const dV = 3;
  const q = Float64Array.from({ length: seqQ * dK }, (_, n) => 20 + 0.5 * Math.floor(n / dK) - 0.25 * (n % dK));
  const k = Float64Array.from(
    { length: seqK * dK },
    (_, n) => sign * (20 - 0.02 * Math.floor(n / dK) * ((n % dK) + 1)),
  );
  const v = Float64Array.from(
    { length: seqK * dV },
    (_, n) => (Math.floor(n / dV) + 1) * (n % 2 === 0 ? 0.5 : -0.5) + 0.1 * (n % dV),
  );
  return [q, k, v, seqQ, seqK, dK, dV, causal];
}

/** Queries processed together: their score rows (QUERY_BLOCK × seqK) stay in cache while K and V stream by once. */
const QUERY_BLOCK = 32;

function checkAttention(q: Float64Array, k: Float64Array, v: Float64Array, sizes: number[], causal: boolean): void {
  const [seqQ, seqK, dK, dV] = sizes;
  requireInteger(seqQ, "seqQ", 1);
  requireInteger(seqK, "seqK", 1);
  requireInteger(dK, "dK", 1);
  requireInteger(dV, "dV", 1);
  float64(q, "q", seqQ * dK);
  float64(k, "k", seqK * dK);
  float64(v, "v", seqK * dV);
  if (typeof causal !== "boolean") throw new KernelInputError("causal must be a boolean");
}

/**
 * softmax(Q·Kᵀ / sqrt(dK) [+ causal mask]) · V with row-major Q (seqQ×dK), K (seqK×dK), V (seqK×dV).
 * The causal mask lets query i see keys j ≤ i (top-left aligned, so every query sees key 0).
 * Blocked over queries: scores for a block are built key row by key row (each K row is read once per block and
 * dotted with contiguous Q rows), softmaxed in place with the row max subtracted, then P·V accumulates in i-k-j order.
 */
export function scaledDotProductAttention(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  seqQ: number,
  seqK: number,
  dK: number,
  dV: number,
  causal: boolean,
): Float64Array {
  checkAttention(q, k, v, [seqQ, seqK, dK, dV], causal);
  const scale = 1 / Math.sqrt(dK);
  const out = new Float64Array(seqQ * dV);
  const scores = new Float64Array(Math.min(QUERY_BLOCK, seqQ) * seqK);
  for (let i0 = 0; i0 < seqQ; i0 += QUERY_BLOCK) {
    const iEnd = Math.min(i0 + QUERY_BLOCK, seqQ);
    for (let j = 0; j < seqK; j++) {
      const kRow = j * dK;
      for (let i = i0; i < iEnd; i++) {
        const sRow = (i - i0) * seqK;
        if (causal && j > i) {
          scores[sRow + j] = Number.NEGATIVE_INFINITY;
          continue;
        }
        const qRow = i * dK;
        let dot = 0;
        for (let d = 0; d < dK; d++) dot += q[qRow + d] * k[kRow + d];
        scores[sRow + j] = dot * scale;
      }
    }
    for (let i = i0; i < iEnd; i++) {
      const sRow = (i - i0) * seqK;
      const visible = causal ? Math.min(seqK, i + 1) : seqK;
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < visible; j++) if (scores[sRow + j] > max) max = scores[sRow + j];
      let sum = 0;
      for (let j = 0; j < visible; j++) {
        const e = Math.exp(scores[sRow + j] - max);
        scores[sRow + j] = e;
        sum += e;
      }
      const inv = 1 / sum;
      const oRow = i * dV;
      for (let j = 0; j < visible; j++) {
        const p = scores[sRow + j] * inv;
        const vRow = j * dV;
        for (let d = 0; d < dV; d++) out[oRow + d] += p * v[vRow + d];
      }
    }
  }
  return out;
}

/** Attention read literally from its definition, one query at a time (the naive baseline for the benchmark). */
export function attentionNaive(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  seqQ: number,
  seqK: number,
  dK: number,
  dV: number,
  causal: boolean,
): Float64Array {
  const out = new Float64Array(seqQ * dV);
  for (let i = 0; i < seqQ; i++) {
    const weights: number[] = [];
    for (let j = 0; j < seqK; j++) {
      let dot = 0;
      for (let d = 0; d < dK; d++) dot += q[i * dK + d] * k[j * dK + d];
      weights.push(causal && j > i ? Number.NEGATIVE_INFINITY : dot / Math.sqrt(dK));
    }
    const max = Math.max(...weights);
    const exps = weights.map((w) => Math.exp(w - max));
    const total = exps.reduce((a, e) => a + e, 0);
    for (let d = 0; d < dV; d++) {
      let acc = 0;
      for (let j = 0; j < seqK; j++) acc += (exps[j] / total) * v[j * dV + d];
      out[i * dV + d] = acc;
    }
  }
  return out;
}

function randomCase(rng: Rng, seqQ: number, seqK: number, dK: number, dV: number, causal: boolean, range = 1): Args {
  return [
    rng.float64Array(seqQ * dK, -range, range),
    rng.float64Array(seqK * dK, -range, range),
    rng.float64Array(seqK * dV),
    seqQ,
    seqK,
    dK,
    dV,
    causal,
  ];
}

export const scaledDotProductAttentionKernel: KernelSpec<Args, Float64Array> = {
  id: "scaled-dot-product-attention",
  functionName: "scaledDotProductAttention",
  signature:
    "function scaledDotProductAttention(q: Float64Array, k: Float64Array, v: Float64Array, seqQ: number, seqK: number, dK: number, dV: number, causal: boolean): Float64Array",
  tolerance: { atol: 1e-9, rtol: 1e-7 },
  testCounts: { sample: 2, hidden: 11, performance: 1 },
  reference: scaledDotProductAttention,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) {
        return [
          Float64Array.of(1, 0, 0, 1),
          Float64Array.of(1, 0, 0, 1),
          Float64Array.of(1, 2, 3, 4),
          2,
          2,
          2,
          2,
          false,
        ];
      }
      const [q, k, v] = randomCase(rng, 3, 3, 2, 2, true);
      return [q.map(round2), k.map(round2), v.map(round2), 3, 3, 2, 2, true];
    }
    if (kind === "performance") return randomCase(rng, 128, 128, 64, 64, false);
    switch (index) {
      case 0:
        return randomCase(rng, 1, 1, 1, 1, false); // one query, one key: the output is v
      case 1:
        return randomCase(rng, 1, 1, 1, 3, true);
      case 2:
        return randomCase(rng, 5, 5, 4, 3, true); // causal, square
      case 3:
        return randomCase(rng, 6, 3, 4, 2, true); // causal with more queries than keys
      case 4:
        return randomCase(rng, 2, 7, 3, 5, true); // causal with fewer queries than keys
      case 5:
        return randomCase(rng, 4, 6, 8, 2, false, 40); // large scores: needs the max shift
      case 6: {
        const [q, k, v] = randomCase(rng, 3, 4, 2, 2, false);
        return [new Float64Array(q.length), k, v, 3, 4, 2, 2, false]; // zero queries: uniform weights (ties)
      }
      case 7:
        return extremeScores(1, 3, 5, false); // scores near +800: exp overflows without the max shift
      case 8:
        return extremeScores(-1, 4, 4, true); // scores near −800: exp underflows to 0/0 without it
      default:
        return randomCase(rng, rng.int(1, 40), rng.int(1, 40), rng.int(1, 16), rng.int(1, 16), rng.int(0, 1) === 1);
    }
  },
  starterCode: `function scaledDotProductAttention(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  seqQ: number,
  seqK: number,
  dK: number,
  dV: number,
  causal: boolean,
): Float64Array {
  // q is seqQ×dK, k is seqK×dK, v is seqK×dV, all row-major.
  // scores[i][j] = (q_i · k_j) / sqrt(dK); with causal = true, query i may only see keys j <= i.
  // weights = softmax of each score row (stable!); out (seqQ×dV, row-major) = weights · v.
  // Performance is ranked.
  return new Float64Array(seqQ * dV);
}
`,
  solutionCode: `function scaledDotProductAttention(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  seqQ: number,
  seqK: number,
  dK: number,
  dV: number,
  causal: boolean,
): Float64Array {
  const out = new Float64Array(seqQ * dV);
  const row = new Float64Array(seqK);
  const scale = 1 / Math.sqrt(dK);
  for (let i = 0; i < seqQ; i++) {
    const last = causal ? Math.min(i, seqK - 1) : seqK - 1;
    let max = -Infinity;
    for (let j = 0; j <= last; j++) {
      let s = 0;
      for (let d = 0; d < dK; d++) s += q[i * dK + d] * k[j * dK + d];
      row[j] = s * scale;
      if (row[j] > max) max = row[j];
    }
    let total = 0;
    for (let j = 0; j <= last; j++) {
      row[j] = Math.exp(row[j] - max);
      total += row[j];
    }
    for (let j = 0; j <= last; j++) {
      const w = row[j] / total;
      for (let d = 0; d < dV; d++) out[i * dV + d] += w * v[j * dV + d];
    }
  }
  return out;
}
`,
};
