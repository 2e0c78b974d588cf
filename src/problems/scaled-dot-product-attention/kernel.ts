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
  mask: AttentionMask,
];

/**
 * "none": every query sees every key. "top-left": query i sees keys j ≤ i (PyTorch's is_causal / causal_upper_left).
 * "bottom-right": the diagonal ends at the bottom-right corner, query i sees keys j ≤ i + seqK − seqQ
 * (causal_lower_right, FlashAttention ≥ 2.1): the queries are the last seqQ positions of a seqK-long sequence, as
 * in decoding with a KV cache, where a single new query sees every cached key.
 */
export type AttentionMask = "none" | "top-left" | "bottom-right";
const MASKS: readonly AttentionMask[] = ["none", "top-left", "bottom-right"];

/** How far past its own index query i sees: the diagonal's offset (Infinity without a mask). */
export function maskOffset(mask: AttentionMask, seqQ: number, seqK: number): number {
  if (mask === "none") return Number.POSITIVE_INFINITY;
  return mask === "bottom-right" ? seqK - seqQ : 0;
}

/**
 * Fixed queries and keys whose scores all lie near `sign`·800 (beyond exp's range either way) with differences of
 * about two between neighbouring keys, so only a max-shifted softmax gets the weights right, whatever the seed.
 */
function extremeScores(sign: 1 | -1, seqQ: number, seqK: number, mask: AttentionMask): Args {
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
  return [q, k, v, seqQ, seqK, dK, dV, mask];
}

/** Queries processed together: their score rows (QUERY_BLOCK × seqK) stay in cache while K and V stream by once. */
const QUERY_BLOCK = 32;

function checkAttention(q: Float64Array, k: Float64Array, v: Float64Array, sizes: number[], mask: AttentionMask): void {
  const [seqQ, seqK, dK, dV] = sizes;
  requireInteger(seqQ, "seqQ", 1);
  requireInteger(seqK, "seqK", 1);
  requireInteger(dK, "dK", 1);
  requireInteger(dV, "dV", 1);
  float64(q, "q", seqQ * dK);
  float64(k, "k", seqK * dK);
  float64(v, "v", seqK * dV);
  if (!MASKS.includes(mask)) throw new KernelInputError(`mask must be one of ${MASKS.join(", ")}, got ${String(mask)}`);
  if (mask === "bottom-right" && seqQ > seqK) {
    throw new KernelInputError(
      `a bottom-right mask needs seqQ ≤ seqK (else the first queries see no key), got ${seqQ} > ${seqK}`,
    );
  }
}

/**
 * softmax(Q·Kᵀ / sqrt(dK) [+ causal mask]) · V with row-major Q (seqQ×dK), K (seqK×dK), V (seqK×dV).
 * A causal mask lets query i see keys j ≤ i + offset: offset 0 top-left aligned, seqK − seqQ bottom-right aligned.
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
  mask: AttentionMask,
): Float64Array {
  checkAttention(q, k, v, [seqQ, seqK, dK, dV], mask);
  const offset = maskOffset(mask, seqQ, seqK);
  const scale = 1 / Math.sqrt(dK);
  const out = new Float64Array(seqQ * dV);
  const scores = new Float64Array(Math.min(QUERY_BLOCK, seqQ) * seqK);
  for (let i0 = 0; i0 < seqQ; i0 += QUERY_BLOCK) {
    const iEnd = Math.min(i0 + QUERY_BLOCK, seqQ);
    for (let j = 0; j < seqK; j++) {
      const kRow = j * dK;
      for (let i = i0; i < iEnd; i++) {
        const sRow = (i - i0) * seqK;
        if (j > i + offset) {
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
      const visible = Math.min(seqK, i + offset + 1);
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
  mask: AttentionMask,
): Float64Array {
  const offset = maskOffset(mask, seqQ, seqK);
  const out = new Float64Array(seqQ * dV);
  for (let i = 0; i < seqQ; i++) {
    const weights: number[] = [];
    for (let j = 0; j < seqK; j++) {
      let dot = 0;
      for (let d = 0; d < dK; d++) dot += q[i * dK + d] * k[j * dK + d];
      weights.push(j > i + offset ? Number.NEGATIVE_INFINITY : dot / Math.sqrt(dK));
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

function randomCase(
  rng: Rng,
  seqQ: number,
  seqK: number,
  dK: number,
  dV: number,
  mask: AttentionMask,
  range = 1,
): Args {
  return [
    rng.float64Array(seqQ * dK, -range, range),
    rng.float64Array(seqK * dK, -range, range),
    rng.float64Array(seqK * dV),
    seqQ,
    seqK,
    dK,
    dV,
    mask,
  ];
}

export const scaledDotProductAttentionKernel: KernelSpec<Args, Float64Array> = {
  id: "scaled-dot-product-attention",
  functionName: "scaledDotProductAttention",
  signature: `function scaledDotProductAttention(q: Float64Array, k: Float64Array, v: Float64Array, seqQ: number, seqK: number, dK: number, dV: number, mask: "none" | "top-left" | "bottom-right"): Float64Array`,
  tolerance: { atol: 1e-9, rtol: 1e-7 },
  testCounts: { sample: 2, hidden: 14, performance: 1 },
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
          "none",
        ];
      }
      // Two new queries against three keys, bottom-right: query 0 sees keys 0–1, query 1 sees all three.
      const [q, k, v] = randomCase(rng, 2, 3, 2, 2, "bottom-right");
      return [q.map(round2), k.map(round2), v.map(round2), 2, 3, 2, 2, "bottom-right"];
    }
    if (kind === "performance") return randomCase(rng, 128, 128, 64, 64, "none");
    switch (index) {
      case 0:
        return randomCase(rng, 1, 1, 1, 1, "none"); // one query, one key: the output is v
      case 1:
        return randomCase(rng, 1, 1, 1, 3, "top-left");
      case 2:
        return randomCase(rng, 5, 5, 4, 3, "top-left"); // causal, square
      case 3:
        return randomCase(rng, 6, 3, 4, 2, "top-left"); // causal with more queries than keys
      case 4:
        return randomCase(rng, 2, 7, 3, 5, "top-left"); // top-left with fewer queries than keys: they see keys 0–1
      case 5:
        return randomCase(rng, 4, 6, 8, 2, "none", 40); // large scores: needs the max shift
      case 6: {
        const [q, k, v] = randomCase(rng, 3, 4, 2, 2, "none");
        return [new Float64Array(q.length), k, v, 3, 4, 2, 2, "none"]; // zero queries: uniform weights (ties)
      }
      case 7:
        return extremeScores(1, 3, 5, "none"); // scores near +800: exp overflows without the max shift
      case 8:
        return extremeScores(-1, 4, 4, "top-left"); // scores near −800: exp underflows to 0/0 without it
      case 9:
        return randomCase(rng, 1, 9, 4, 3, "bottom-right"); // one decoding query with a KV cache: it sees every key
      case 10:
        return randomCase(rng, 3, 8, 4, 2, "bottom-right"); // three new tokens (chunked prefill, speculative check)
      case 11:
        return randomCase(rng, 4, 4, 3, 3, "bottom-right"); // seqQ = seqK: the same as top-left
      default: {
        const seqQ = rng.int(1, 40);
        const seqK = rng.int(1, 40);
        const mask = rng.pick(seqQ <= seqK ? MASKS : MASKS.slice(0, 2));
        return randomCase(rng, seqQ, seqK, rng.int(1, 16), rng.int(1, 16), mask);
      }
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
  mask: "none" | "top-left" | "bottom-right",
): Float64Array {
  // q is seqQ×dK, k is seqK×dK, v is seqK×dV, all row-major.
  // scores[i][j] = (q_i · k_j) / sqrt(dK). mask "top-left": query i sees keys j <= i;
  // "bottom-right": query i sees keys j <= i + seqK - seqQ (the queries are the last seqQ positions).
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
  mask: "none" | "top-left" | "bottom-right",
): Float64Array {
  const out = new Float64Array(seqQ * dV);
  const BLOCK = 4;
  // Scores and then weights of a block of queries, row r at r * seqK: reused for every block.
  const w = new Float64Array(BLOCK * seqK);
  const scale = 1 / Math.sqrt(dK);
  const offset = mask === "bottom-right" ? seqK - seqQ : 0;
  const lastKey = (i: number) => (mask === "none" ? seqK - 1 : Math.min(i + offset, seqK - 1));
  for (let i0 = 0; i0 < seqQ; i0 += BLOCK) {
    const rows = Math.min(BLOCK, seqQ - i0);
    // Pad a short last block with its first query (its weights are zeroed below, so it adds nothing).
    const qa = i0 * dK;
    const qb = (rows > 1 ? i0 + 1 : i0) * dK;
    const qc = (rows > 2 ? i0 + 2 : i0) * dK;
    const qd = (rows > 3 ? i0 + 3 : i0) * dK;
    const last = lastKey(i0 + rows - 1);
    for (let j = 0; j <= last; j++) {
      const kRow = j * dK;
      let sa = 0;
      let sb = 0;
      let sc = 0;
      let sd = 0;
      for (let d = 0; d < dK; d++) {
        const x = k[kRow + d];
        sa += q[qa + d] * x;
        sb += q[qb + d] * x;
        sc += q[qc + d] * x;
        sd += q[qd + d] * x;
      }
      w[j] = sa * scale;
      w[seqK + j] = sb * scale;
      w[2 * seqK + j] = sc * scale;
      w[3 * seqK + j] = sd * scale;
    }
    for (let r = 0; r < BLOCK; r++) {
      const base = r * seqK;
      if (r >= rows) {
        w.fill(0, base, base + last + 1);
        continue;
      }
      const mine = lastKey(i0 + r);
      let max = -Infinity;
      for (let j = 0; j <= mine; j++) if (w[base + j] > max) max = w[base + j];
      let total = 0;
      for (let j = 0; j <= mine; j++) {
        w[base + j] = Math.exp(w[base + j] - max);
        total += w[base + j];
      }
      for (let j = 0; j <= mine; j++) w[base + j] /= total;
      for (let j = mine + 1; j <= last; j++) w[base + j] = 0;
    }
    const oa = i0 * dV;
    const ob = (rows > 1 ? i0 + 1 : i0) * dV;
    const oc = (rows > 2 ? i0 + 2 : i0) * dV;
    const od = (rows > 3 ? i0 + 3 : i0) * dV;
    for (let j = 0; j <= last; j++) {
      const wa = w[j];
      const wb = w[seqK + j];
      const wc = w[2 * seqK + j];
      const wd = w[3 * seqK + j];
      const vRow = j * dV;
      for (let d = 0; d < dV; d++) {
        const x = v[vRow + d];
        out[oa + d] += wa * x;
        out[ob + d] += wb * x;
        out[oc + d] += wc * x;
        out[od + d] += wd * x;
      }
    }
  }
  return out;
}
`,
};
