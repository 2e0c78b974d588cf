import { float64, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";

type Args = [q: Float64Array, k: Float64Array, v: Float64Array, n: number, d: number, br: number, bc: number];
/** out: n × d; lse: n; m and l: T_c × n with T_c = ⌈n / bc⌉, all row-major. */
export type FlashAttentionResult = { out: Float64Array; lse: Float64Array; m: Float64Array; l: Float64Array };

/**
 * The FlashAttention forward pass on one head: softmax(Q·Kᵀ/√d)·V computed tile by tile, Br query rows against
 * Bc keys at a time, so only a Br × Bc block of scores ever exists. Each query row keeps a running maximum m, a
 * running normaliser l = Σ exp(s − m) and an unnormalised output accumulator; when a key tile raises the maximum
 * from m to m', l and the accumulator are rescaled by exp(m − m'). After key tile j the row's (m, l) are recorded
 * (they do not depend on Br: rows are independent), so the tiling itself is checked. out = acc / l and
 * lse = m + log l after the last tile.
 */
export function flashAttentionForward(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  n: number,
  d: number,
  br: number,
  bc: number,
): FlashAttentionResult {
  requireInteger(n, "n", 1);
  requireInteger(d, "d", 1);
  requireInteger(br, "br", 1);
  requireInteger(bc, "bc", 1);
  float64(q, "q", n * d);
  float64(k, "k", n * d);
  float64(v, "v", n * d);
  const tiles = Math.ceil(n / bc);
  const scale = 1 / Math.sqrt(d);
  const out = new Float64Array(n * d);
  const lse = new Float64Array(n);
  const m = new Float64Array(tiles * n);
  const l = new Float64Array(tiles * n);
  const rows = Math.min(br, n);
  const scores = new Float64Array(rows * bc);
  const rowMax = new Float64Array(rows);
  const rowSum = new Float64Array(rows);
  const acc = new Float64Array(rows * d);
  for (let i0 = 0; i0 < n; i0 += br) {
    const height = Math.min(br, n - i0);
    rowMax.fill(Number.NEGATIVE_INFINITY);
    rowSum.fill(0);
    acc.fill(0);
    for (let j = 0; j < tiles; j++) {
      const j0 = j * bc;
      const width = Math.min(bc, n - j0);
      for (let r = 0; r < height; r++) {
        const qRow = (i0 + r) * d;
        let tileMax = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < width; c++) {
          const kRow = (j0 + c) * d;
          let dot = 0;
          for (let x = 0; x < d; x++) dot += q[qRow + x] * k[kRow + x];
          const score = dot * scale;
          scores[r * bc + c] = score;
          if (score > tileMax) tileMax = score;
        }
        const newMax = Math.max(rowMax[r], tileMax);
        const rescale = Math.exp(rowMax[r] - newMax); // 0 on the first tile (exp(−∞))
        const accRow = r * d;
        for (let x = 0; x < d; x++) acc[accRow + x] *= rescale;
        let tileSum = 0;
        for (let c = 0; c < width; c++) {
          const p = Math.exp(scores[r * bc + c] - newMax);
          tileSum += p;
          const vRow = (j0 + c) * d;
          for (let x = 0; x < d; x++) acc[accRow + x] += p * v[vRow + x];
        }
        rowSum[r] = rowSum[r] * rescale + tileSum;
        rowMax[r] = newMax;
        m[j * n + i0 + r] = newMax;
        l[j * n + i0 + r] = rowSum[r];
      }
    }
    for (let r = 0; r < height; r++) {
      for (let x = 0; x < d; x++) out[(i0 + r) * d + x] = acc[r * d + x] / rowSum[r];
      lse[i0 + r] = rowMax[r] + Math.log(rowSum[r]);
    }
  }
  return { out, lse, m, l };
}

function randomCase(rng: Rng, n: number, d: number, br: number, bc: number, range = 1.5): Args {
  return [
    rng.float64Array(n * d, -range, range),
    rng.float64Array(n * d, -range, range),
    rng.float64Array(n * d, -2, 2),
    n,
    d,
    br,
    bc,
  ];
}

/** Keys whose scores against a positive query grow along the sequence, so the running maximum rises at every tile. */
function risingCase(rng: Rng, n: number, d: number, bc: number): Args {
  const q = Float64Array.from({ length: n * d }, () => rng.float(0.5, 1.5));
  const k = Float64Array.from({ length: n * d }, (_, i) => (Math.floor(i / d) + 1) * 0.3 + rng.float(0, 0.1));
  return [q, k, rng.float64Array(n * d, -2, 2), n, d, 2, bc];
}

export const flashAttentionForwardKernel: KernelSpec<Args, FlashAttentionResult> = {
  id: "flash-attention-forward",
  functionName: "flashAttentionForward",
  signature:
    "function flashAttentionForward(q: Float64Array, k: Float64Array, v: Float64Array, n: number, d: number, br: number, bc: number): { out: Float64Array; lse: Float64Array; m: Float64Array; l: Float64Array }",
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 12, performance: 1 },
  reference: flashAttentionForward,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) {
        // n = 3, d = 2, one query row per tile, two keys per tile: tiles {0, 1} and {2}
        const q = Float64Array.of(1, 0, 0, 1, 1, 1);
        const k = Float64Array.of(1, 0, 0, 1, 2, 2);
        const v = Float64Array.of(1, 2, 3, 4, 5, 6);
        return [q, k, v, 3, 2, 1, 2];
      }
      const [q, k, v, ...rest] = randomCase(rng, 5, 2, 2, 2);
      const round = (a: Float64Array) => a.map((x) => Math.round(x * 10) / 10);
      return [round(q), round(k), round(v), ...rest];
    }
    // 4096 × 4096 scores are 128 MiB as float64 (64 MiB as float32): over the 32 MiB memory limit, while the
    // tiles, the inputs (3 × 512 KiB) and the outputs (out 512 KiB, m and l 2 MiB each) fit. d = 16 keeps one call
    // near half a second in a JavaScript engine.
    if (kind === "performance") return randomCase(rng, 2048, 8, 64, 64);
    switch (index) {
      case 0:
        return randomCase(rng, 1, 1, 1, 1); // one query, one key: out = v, lse = the only score
      case 1:
        return randomCase(rng, 7, 3, 3, 2); // partial last tiles in both directions
      case 2:
        return randomCase(rng, 6, 4, 4, 8); // one key tile wider than the sequence
      case 3:
        return risingCase(rng, 8, 3, 1); // one key per tile, the maximum rises at every tile
      case 4:
        return risingCase(rng, 12, 2, 5); // the maximum rises across tiles of five
      case 5:
        return randomCase(rng, 9, 4, 2, 3, 20); // scores up to ±800: exp overflows without the running max
      case 6:
        return randomCase(rng, 10, 2, 10, 4); // one query tile holding every row
      default: {
        const n = rng.int(2, 48);
        return randomCase(rng, n, rng.int(1, 16), rng.int(1, 16), rng.int(1, 16));
      }
    }
  },
  starterCode: `function flashAttentionForward(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  n: number,
  d: number,
  br: number,
  bc: number,
): { out: Float64Array; lse: Float64Array; m: Float64Array; l: Float64Array } {
  // q, k, v: n × d row-major. Scores s = q·k / sqrt(d), no mask. Work in tiles of br query rows × bc keys;
  // never build the n × n score matrix (the memory limit forbids it at the performance size).
  // Keep per row a running max m, a normaliser l = Σ exp(s - m) and an output accumulator; rescale both by
  // exp(m_old - m_new) when the max grows. After key tile j write m[j * n + i] and l[j * n + i].
  // out = acc / l, lse = m + log(l).
  const tiles = Math.ceil(n / bc);
  return { out: new Float64Array(n * d), lse: new Float64Array(n), m: new Float64Array(tiles * n), l: new Float64Array(tiles * n) };
}
`,
  solutionCode: `function flashAttentionForward(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  n: number,
  d: number,
  br: number,
  bc: number,
): { out: Float64Array; lse: Float64Array; m: Float64Array; l: Float64Array } {
  const tiles = Math.ceil(n / bc);
  const scale = 1 / Math.sqrt(d);
  const out = new Float64Array(n * d);
  const lse = new Float64Array(n);
  const m = new Float64Array(tiles * n);
  const l = new Float64Array(tiles * n);
  const s = new Float64Array(bc);
  const acc = new Float64Array(br * d);
  const mi = new Float64Array(br);
  const li = new Float64Array(br);
  for (let start = 0; start < n; start += br) {
    const rows = Math.min(br, n - start);
    mi.fill(-Infinity);
    li.fill(0);
    acc.fill(0);
    for (let j = 0; j < tiles; j++) {
      const first = j * bc;
      const last = Math.min(first + bc, n);
      for (let r = 0; r < rows; r++) {
        const i = start + r;
        let tileMax = -Infinity;
        for (let c = first; c < last; c++) {
          let dot = 0;
          for (let x = 0; x < d; x++) dot += q[i * d + x] * k[c * d + x];
          s[c - first] = dot * scale;
          tileMax = Math.max(tileMax, s[c - first]);
        }
        const mNew = Math.max(mi[r], tileMax);
        const alpha = Math.exp(mi[r] - mNew);
        for (let x = 0; x < d; x++) acc[r * d + x] *= alpha;
        let rowSum = 0;
        for (let c = first; c < last; c++) {
          const p = Math.exp(s[c - first] - mNew);
          rowSum += p;
          for (let x = 0; x < d; x++) acc[r * d + x] += p * v[c * d + x];
        }
        li[r] = li[r] * alpha + rowSum;
        mi[r] = mNew;
        m[j * n + i] = mi[r];
        l[j * n + i] = li[r];
      }
    }
    for (let r = 0; r < rows; r++) {
      for (let x = 0; x < d; x++) out[(start + r) * d + x] = acc[r * d + x] / li[r];
      lse[start + r] = mi[r] + Math.log(li[r]);
    }
  }
  return { out, lse, m, l };
}
`,
};
