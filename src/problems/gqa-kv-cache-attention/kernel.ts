import { requireArray, requireVector } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [q: number[][][], kCache: number[][][], vCache: number[][][]];

/** A tokens × heads × d tensor of finite numbers; returns [tokens, heads, d]. */
export function tensor3(value: unknown, name: string): [number, number, number] {
  requireArray(value, name);
  if (value.length === 0) throw new KernelInputError(`${name} must hold at least one token`);
  let heads = -1;
  let d = -1;
  value.forEach((token, t) => {
    requireArray(token, `${name}[${t}]`);
    if (heads === -1) heads = token.length;
    if (token.length !== heads || heads === 0) throw new KernelInputError(`${name}[${t}] must hold ${heads} heads`);
    token.forEach((head, h) => {
      if (d === -1) d = Array.isArray(head) ? head.length : 0;
      requireVector(head, `${name}[${t}][${h}]`, { length: d });
    });
  });
  return [value.length, heads, d];
}

/**
 * Attention of the last Sq positions of a sequence over its KV cache of Sk ≥ Sq positions, causal with
 * bottom-right alignment: query i sits at absolute position Sk − Sq + i and sees keys 0 … Sk − Sq + i (one
 * decode token sees the whole cache; Sq = Sk is ordinary causal prefill). Query head h reads KV head
 * ⌊h / (Hq / Hkv)⌋ (grouped-query attention). Scores are scaled by 1/√d; the softmax subtracts the row maximum.
 */
export function gqaKvCacheAttention(q: number[][][], kCache: number[][][], vCache: number[][][]): number[][][] {
  const [sq, hq, d] = tensor3(q, "q");
  const [sk, hkv, dk] = tensor3(kCache, "kCache");
  const [sv, hv, dv] = tensor3(vCache, "vCache");
  if (dk !== d || dv !== d) throw new KernelInputError(`q, kCache and vCache must share d = ${d}`);
  if (sv !== sk || hv !== hkv) throw new KernelInputError("kCache and vCache must have the same shape");
  if (sq > sk) throw new KernelInputError(`Sq = ${sq} queries cannot be more than the Sk = ${sk} cached positions`);
  if (hq % hkv !== 0) throw new KernelInputError(`Hq = ${hq} must be a multiple of Hkv = ${hkv}`);
  const groupSize = hq / hkv;
  const scale = 1 / Math.sqrt(d);
  return q.map((heads, i) => {
    const visible = sk - sq + i + 1;
    return heads.map((query, h) => {
      const kvHead = Math.floor(h / groupSize);
      const scores = new Float64Array(visible);
      let max = Number.NEGATIVE_INFINITY;
      for (let t = 0; t < visible; t++) {
        const key = kCache[t][kvHead];
        let dot = 0;
        for (let c = 0; c < d; c++) dot += query[c] * key[c];
        scores[t] = dot * scale;
        max = Math.max(max, scores[t]);
      }
      let total = 0;
      for (let t = 0; t < visible; t++) {
        scores[t] = Math.exp(scores[t] - max);
        total += scores[t];
      }
      const out = new Array<number>(d).fill(0);
      for (let t = 0; t < visible; t++) {
        const weight = scores[t] / total;
        const value = vCache[t][kvHead];
        for (let c = 0; c < d; c++) out[c] += weight * value[c];
      }
      return out;
    });
  });
}

function randomTensor(rng: Rng, tokens: number, heads: number, d: number, range = 1.5): number[][][] {
  return Array.from({ length: tokens }, () => rng.matrix(heads, d, -range, range));
}

function randomCase(rng: Rng, sq: number, sk: number, hq: number, hkv: number, d: number, range = 1.5): Args {
  return [randomTensor(rng, sq, hq, d, range), randomTensor(rng, sk, hkv, d, range), randomTensor(rng, sk, hkv, d)];
}

export const gqaKvCacheAttentionKernel: KernelSpec<Args, number[][][]> = {
  id: "gqa-kv-cache-attention",
  functionName: "gqaKvCacheAttention",
  signature: "function gqaKvCacheAttention(q: number[][][], kCache: number[][][], vCache: number[][][]): number[][][]",
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 12, performance: 0 },
  reference: gqaKvCacheAttention,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [
              [1, 0],
              [0, 2],
            ],
          ],
          [[[1, 0]], [[0, 1]], [[1, 1]]],
          [[[1, 0]], [[0, 1]], [[2, 2]]],
        ];
      return randomCase(rng, 2, 3, 4, 2, 2).map((t) =>
        t.map((token) => token.map((head) => head.map((v) => Math.round(v * 10) / 10))),
      ) as Args;
    }
    switch (index) {
      case 0:
        return randomCase(rng, 1, 7, 8, 2, 4); // decode: one query sees all 7 keys; groups of 4 query heads
      case 1:
        return randomCase(rng, 5, 5, 4, 2, 4); // prefill Sq = Sk: ordinary causal attention
      case 2:
        return randomCase(rng, 3, 8, 4, 1, 4); // chunked prefill, multi-query attention (one KV head)
      case 3:
        return randomCase(rng, 2, 6, 3, 3, 5); // multi-head attention: Hq = Hkv
      case 4:
        return randomCase(rng, 2, 5, 2, 1, 4, 30); // scores near ±1800: exp overflows without the max shift
      case 5:
        return randomCase(rng, 1, 1, 2, 1, 3); // one cached token: the output is its value
      case 6:
        return randomCase(rng, 4, 12, 6, 3, 8); // chunked prefill, groups of 2
      default: {
        const hkv = rng.int(1, 3);
        const hq = hkv * rng.pick([1, 2, 4]);
        const sk = rng.int(1, 16);
        return randomCase(rng, rng.int(1, sk), sk, hq, hkv, rng.int(1, 16));
      }
    }
  },
  starterCode: `function gqaKvCacheAttention(q: number[][][], kCache: number[][][], vCache: number[][][]): number[][][] {
  // q is Sq × Hq × d (the last Sq positions), kCache and vCache are Sk × Hkv × d with Sq ≤ Sk.
  // Query i is at absolute position Sk - Sq + i and sees keys 0 … Sk - Sq + i (bottom-right causal alignment).
  // Query head h reads KV head floor(h / (Hq / Hkv)). Scores (q · k) / sqrt(d), softmax over the visible keys.
  return q.map((heads) => heads.map((head) => head.map(() => 0)));
}
`,
  solutionCode: `function gqaKvCacheAttention(q: number[][][], kCache: number[][][], vCache: number[][][]): number[][][] {
  const sq = q.length;
  const sk = kCache.length;
  const group = q[0].length / kCache[0].length;
  const d = q[0][0].length;
  const scale = 1 / Math.sqrt(d);
  return q.map((heads, i) => {
    const last = sk - sq + i; // the last key query i may see
    return heads.map((query, h) => {
      const kv = Math.floor(h / group);
      const weights: number[] = [];
      let max = -Infinity;
      for (let t = 0; t <= last; t++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += query[c] * kCache[t][kv][c];
        weights.push(s * scale);
        max = Math.max(max, s * scale);
      }
      let sum = 0;
      for (let t = 0; t < weights.length; t++) {
        weights[t] = Math.exp(weights[t] - max);
        sum += weights[t];
      }
      const out = new Array<number>(d).fill(0);
      weights.forEach((w, t) => {
        for (let c = 0; c < d; c++) out[c] += (w / sum) * vCache[t][kv][c];
      });
      return out;
    });
  });
}
`,
};
