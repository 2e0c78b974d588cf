// Property tests of the inference-track kernels (src/problems/rmsnorm-fused-residual, rope-apply,
// gqa-kv-cache-attention, paged-attention-decode, flash-attention-forward): each reference against an
// invariant of its definition or a second, differently written implementation.
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { compareValues } from "../../src/kernels/compare.ts";
import { KernelInputError } from "../../src/kernels/types.ts";
import { flashAttentionForward } from "../../src/problems/flash-attention-forward/kernel.ts";
import { gqaKvCacheAttention } from "../../src/problems/gqa-kv-cache-attention/kernel.ts";
import { layerNormKernel } from "../../src/problems/layer-norm/kernel.ts";
import { pagedAttentionDecode } from "../../src/problems/paged-attention-decode/kernel.ts";
import { rmsNormFusedResidual } from "../../src/problems/rmsnorm-fused-residual/kernel.ts";
import { type RopeLayout, ropeApply } from "../../src/problems/rope-apply/kernel.ts";
import { attentionNaive, scaledDotProductAttention } from "../../src/problems/scaled-dot-product-attention/kernel.ts";
import { matrixArb } from "./helpers/finite-difference.ts";

const close = { atol: 1e-9, rtol: 1e-9 };

describe("rmsnorm-fused-residual", () => {
  const rowsArb = fc
    .record({ rows: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 2, max: 12 }) })
    .chain(({ rows, d }) =>
      fc.record({ x: matrixArb(rows, d, 5), r: matrixArb(rows, d, 5), gamma: matrixArb(1, d, 2).map((m) => m[0]) }),
    );

  it("returns x + residual as the stream, and out/gamma has root mean square ≈ 1 when eps is negligible", () => {
    fc.assert(
      fc.property(rowsArb, ({ x, r, gamma }) => {
        const { out, residual } = rmsNormFusedResidual(x, r, gamma, 1e-12);
        expect(residual).toEqual(x.map((row, i) => row.map((v, j) => v + r[i][j])));
        residual.forEach((h, i) => {
          const meanSquare = h.reduce((a, v) => a + v * v, 0) / h.length;
          if (meanSquare < 1e-6 || gamma.some((g) => Math.abs(g) < 1e-3)) return;
          const normalised = out[i].map((v, j) => v / gamma[j]);
          const rms = Math.sqrt(normalised.reduce((a, v) => a + v * v, 0) / normalised.length);
          expect(Math.abs(rms - 1)).toBeLessThan(1e-9);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("is LayerNorm with beta = 0 on rows whose mean is zero, and ignores a rescaling of the stream by a power of two", () => {
    fc.assert(
      // powers of two scale exactly, so the two computations see the same stream
      fc.property(rowsArb, fc.constantFrom(0.125, 0.5, 2, 8), ({ x, r, gamma }, c) => {
        const centred = x.map((row) => {
          const mean = row.reduce((a, v) => a + v, 0) / row.length;
          return row.map((v) => v - mean);
        });
        const zeros = centred.map((row) => row.map(() => 0));
        const rms = rmsNormFusedResidual(centred, zeros, gamma, 1e-5).out;
        const layer = layerNormKernel.reference(
          centred,
          gamma,
          gamma.map(() => 0),
          1e-5,
        );
        expect(compareValues(rms, layer, { atol: 1e-9, rtol: 1e-7 })).toEqual({ ok: true });
        const scaled = rmsNormFusedResidual(
          x.map((row) => row.map((v) => v * c)),
          r.map((row) => row.map((v) => v * c)),
          gamma,
          1e-300,
        ).out;
        expect(compareValues(scaled, rmsNormFusedResidual(x, r, gamma, 1e-300).out, close)).toEqual({ ok: true });
      }),
      { numRuns: 200 },
    );
  });

  it("refuses mismatched shapes and a non-positive eps", () => {
    expect(() => rmsNormFusedResidual([[1, 2]], [[1]], [1, 1], 1e-5)).toThrow(KernelInputError);
    expect(() => rmsNormFusedResidual([[1, 2]], [[1, 2]], [1], 1e-5)).toThrow(KernelInputError);
    expect(() => rmsNormFusedResidual([[1, 2]], [[1, 2]], [1, 1], 0)).toThrow(KernelInputError);
  });
});

describe("rope-apply", () => {
  const none = { type: "none", factor: 1 } as const;
  const headArb = (d: number) => matrixArb(1, d, 2).map((m) => m[0]);
  const dArb = fc.integer({ min: 2, max: 16 }).map((half) => 2 * half);
  const layoutArb = fc.constantFrom<RopeLayout>("interleaved", "half");
  const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

  it("keeps every vector's norm, and q·k depends only on the distance between their positions", () => {
    fc.assert(
      fc.property(
        dArb.chain((d) => fc.tuple(headArb(d), headArb(d))),
        layoutArb,
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        ([q, k], layout, m, n, shift) => {
          const rotate = (v: number[], p: number) => ropeApply([[v]], p, 10000, layout, none)[0][0];
          expect(Math.abs(dot(rotate(q, m), rotate(q, m)) - dot(q, q))).toBeLessThan(1e-9);
          const score = dot(rotate(q, m), rotate(k, n));
          const shifted = dot(rotate(q, m + shift), rotate(k, n + shift));
          expect(Math.abs(score - shifted)).toBeLessThan(1e-8 * (1 + Math.abs(score)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("the two layouts are one rotation under the per-head permutation (2i, 2i+1) ↔ (i, i + d/2)", () => {
    fc.assert(
      fc.property(
        dArb.chain((d) => headArb(d)),
        fc.integer({ min: 0, max: 3000 }),
        (v, p) => {
          const half = v.length / 2;
          const toHalf = (w: readonly number[]) =>
            Array.from({ length: w.length }, (_, j) => (j < half ? w[2 * j] : w[2 * (j - half) + 1]));
          const interleaved = ropeApply([[v]], p, 10000, "interleaved", none)[0][0];
          const split = ropeApply([[toHalf(v)]], p, 10000, "half", none)[0][0];
          expect(compareValues(toHalf(interleaved), split, close)).toEqual({ ok: true });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("linear scaling at position f·p is no scaling at p; NTK leaves pair 0 alone and slows the last pair by the factor", () => {
    fc.assert(
      fc.property(
        dArb.chain((d) => headArb(d)),
        fc.integer({ min: 0, max: 500 }),
        fc.constantFrom(2, 4, 8),
        (v, p, factor) => {
          const linear = ropeApply([[v]], p * factor, 10000, "half", { type: "linear", factor })[0][0];
          expect(compareValues(linear, ropeApply([[v]], p, 10000, "half", none)[0][0], close)).toEqual({ ok: true });
          const d = v.length;
          const half = d / 2;
          const ntk = ropeApply([[v]], p, 10000, "half", { type: "ntk", factor })[0][0];
          const plain = ropeApply([[v]], p, 10000, "half", none)[0][0];
          expect(Math.abs(ntk[0] - plain[0]) + Math.abs(ntk[half] - plain[half])).toBeLessThan(1e-9);
          // the last pair's angle under NTK at position p·factor equals its plain angle at p
          const far = ropeApply([[v]], p * factor, 10000, "half", { type: "ntk", factor })[0][0];
          expect(Math.abs(far[half - 1] - plain[half - 1]) + Math.abs(far[d - 1] - plain[d - 1])).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses an odd or tiny head dimension, a bad layout and a factor below 1", () => {
    expect(() => ropeApply([[[1, 2, 3]]], 0, 10000, "half", none)).toThrow(KernelInputError);
    expect(() => ropeApply([[[1, 2]]], 0, 10000, "half", none)).toThrow(KernelInputError);
    expect(() => ropeApply([[[1, 2, 3, 4]]], 0, 10000, "diagonal" as RopeLayout, none)).toThrow(KernelInputError);
    expect(() => ropeApply([[[1, 2, 3, 4]]], 0, 10000, "half", { type: "linear", factor: 0.5 })).toThrow(
      KernelInputError,
    );
  });
});

/** A tokens × heads × d tensor of values in [−range, range]. */
const tensorArb = (tokens: number, heads: number, d: number, range = 2) =>
  fc.array(matrixArb(heads, d, range), { minLength: tokens, maxLength: tokens });

describe("gqa-kv-cache-attention", () => {
  const caseArb = fc
    .record({
      sk: fc.integer({ min: 1, max: 10 }),
      hkv: fc.integer({ min: 1, max: 3 }),
      group: fc.constantFrom(1, 2, 4),
      d: fc.integer({ min: 1, max: 6 }),
    })
    .chain(({ sk, hkv, group, d }) =>
      fc.record({
        sq: fc.integer({ min: 1, max: sk }),
        q: tensorArb(sk, hkv * group, d),
        k: tensorArb(sk, hkv, d),
        v: tensorArb(sk, hkv, d),
        group: fc.constant(group),
      }),
    );

  it("is single-head attention of each query over its visible keys, the KV head repeated for its group", () => {
    fc.assert(
      fc.property(caseArb, ({ sq, q, k, v, group }) => {
        const sk = k.length;
        const d = k[0][0].length;
        const queries = q.slice(sk - sq);
        const got = gqaKvCacheAttention(queries, k, v);
        queries.forEach((heads, i) => {
          const visible = sk - sq + i + 1;
          heads.forEach((query, h) => {
            const g = Math.floor(h / group);
            const keys = Float64Array.from(k.slice(0, visible).flatMap((token) => token[g]));
            const values = Float64Array.from(v.slice(0, visible).flatMap((token) => token[g]));
            const want = attentionNaive(Float64Array.from(query), keys, values, 1, visible, d, d, "none");
            expect(compareValues(got[i][h], Array.from(want), close)).toEqual({ ok: true });
          });
        });
      }),
      { numRuns: 150 },
    );
  });

  it("chunked prefill and decode give the rows of a full causal prefill (bottom-right alignment)", () => {
    fc.assert(
      fc.property(caseArb, ({ sq, q, k, v }) => {
        const full = gqaKvCacheAttention(q, k, v);
        const tail = gqaKvCacheAttention(q.slice(q.length - sq), k, v);
        expect(compareValues(tail, full.slice(q.length - sq), close)).toEqual({ ok: true });
        const decode = gqaKvCacheAttention(q.slice(-1), k, v);
        expect(compareValues(decode, full.slice(-1), close)).toEqual({ ok: true });
      }),
      { numRuns: 150 },
    );
  });

  it("refuses more queries than cached positions and a head count that does not divide", () => {
    const cache = [[[1, 2]], [[3, 4]]];
    expect(() => gqaKvCacheAttention([[[1, 0]], [[0, 1]], [[1, 1]]], cache, cache)).toThrow(KernelInputError);
    const twoHeads = [
      [
        [1, 2],
        [3, 4],
      ],
    ];
    expect(() =>
      gqaKvCacheAttention(
        [
          [
            [1, 0],
            [0, 1],
            [1, 1],
          ],
        ],
        twoHeads,
        twoHeads,
      ),
    ).toThrow(KernelInputError);
  });
});

describe("paged-attention-decode", () => {
  type Case = {
    query: Float64Array;
    keyCache: Float64Array;
    valueCache: Float64Array;
    tables: number[][];
    lens: number[];
    hq: number;
    hkv: number;
    d: number;
    blockSize: number;
  };
  const caseArb: fc.Arbitrary<Case> = fc
    .record({
      lens: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 4 }),
      hkv: fc.integer({ min: 1, max: 2 }),
      group: fc.constantFrom(1, 2, 4),
      d: fc.integer({ min: 1, max: 5 }),
      blockSize: fc.constantFrom(1, 2, 4, 8),
      spare: fc.integer({ min: 0, max: 3 }),
      seed: fc.integer(),
    })
    .map(({ lens, hkv, group, d, blockSize, spare, seed }) => {
      // a deterministic shuffle of the pool from the seed
      const needs = lens.map((n) => Math.ceil(n / blockSize));
      const numBlocks = needs.reduce((a, n) => a + n, spare);
      const order = Array.from({ length: numBlocks }, (_, i) => i);
      let state = seed | 1;
      const next = () => {
        state = (Math.imul(state, 1103515245) + 12345) | 0;
        return (state >>> 8) / 2 ** 24;
      };
      for (let i = numBlocks - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const width = Math.max(...needs);
      let used = 0;
      const tables = needs.map((n) => {
        const row = [...order.slice(used, used + n), ...new Array<number>(width - n).fill(-1)];
        used += n;
        return row;
      });
      const hq = hkv * group;
      const size = numBlocks * blockSize * hkv * d;
      const fill = (n: number) => Float64Array.from({ length: n }, () => next() * 3 - 1.5);
      return {
        query: fill(lens.length * hq * d),
        keyCache: fill(size),
        valueCache: fill(size),
        tables,
        lens,
        hq,
        hkv,
        d,
        blockSize,
      };
    });
  const run = (c: Case) =>
    pagedAttentionDecode(c.query, c.keyCache, c.valueCache, c.tables, c.lens, c.hq, c.hkv, c.d, c.blockSize);
  const offset = (c: Case, s: number, t: number) =>
    (c.tables[s][Math.floor(t / c.blockSize)] * c.blockSize + (t % c.blockSize)) * c.hkv * c.d;

  it("equals decode attention over each sequence's gathered, contiguous KV cache", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const got = run(c);
        c.lens.forEach((len, s) => {
          const gather = (cache: Float64Array) =>
            Array.from({ length: len }, (_, t) =>
              Array.from({ length: c.hkv }, (_, g) =>
                Array.from(cache.subarray(offset(c, s, t) + g * c.d, offset(c, s, t) + (g + 1) * c.d)),
              ),
            );
          const q = [
            Array.from({ length: c.hq }, (_, h) =>
              Array.from(c.query.subarray((s * c.hq + h) * c.d, (s * c.hq + h + 1) * c.d)),
            ),
          ];
          const want = gqaKvCacheAttention(q, gather(c.keyCache), gather(c.valueCache))[0].flat();
          const row = Array.from(got.subarray(s * c.hq * c.d, (s + 1) * c.hq * c.d));
          expect(compareValues(row, want, close)).toEqual({ ok: true });
        });
      }),
      { numRuns: 150 },
    );
  });

  it("ignores stale slots and unused blocks, and does not depend on which physical blocks hold the tokens", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const want = run(c);
        // overwrite every slot no sequence's context covers
        const live = new Set<number>();
        c.lens.forEach((len, s) => {
          for (let t = 0; t < len; t++) live.add(offset(c, s, t) / (c.hkv * c.d));
        });
        const scribble = (cache: Float64Array) =>
          cache.map((v, i) => (live.has(Math.floor(i / (c.hkv * c.d))) ? v : 1e3));
        expect(run({ ...c, keyCache: scribble(c.keyCache), valueCache: scribble(c.valueCache) })).toEqual(want);
        // move every block to the mirrored position of the pool and rewrite the tables to match
        const blockElements = c.blockSize * c.hkv * c.d;
        const numBlocks = c.keyCache.length / blockElements;
        const mirror = (cache: Float64Array) => {
          const moved = new Float64Array(cache.length);
          for (let b = 0; b < numBlocks; b++) {
            moved.set(cache.subarray(b * blockElements, (b + 1) * blockElements), (numBlocks - 1 - b) * blockElements);
          }
          return moved;
        };
        const tables = c.tables.map((row) => row.map((b) => (b === -1 ? -1 : numBlocks - 1 - b)));
        const moved = run({ ...c, keyCache: mirror(c.keyCache), valueCache: mirror(c.valueCache), tables });
        expect(compareValues(moved, want, close)).toEqual({ ok: true });
      }),
      { numRuns: 150 },
    );
  });

  it("refuses a table too short for its context and a used entry outside the pool", () => {
    const cache = new Float64Array(8); // two blocks of 2 slots, 1 head, d = 2
    const q = new Float64Array(2);
    expect(() => pagedAttentionDecode(q, cache, cache, [[0]], [3], 1, 1, 2, 2)).toThrow(KernelInputError);
    expect(() => pagedAttentionDecode(q, cache, cache, [[0, 2]], [3], 1, 1, 2, 2)).toThrow(KernelInputError);
    expect(() => pagedAttentionDecode(q, cache, cache, [[0, 1]], [2], 1, 1, 2, 2)).toThrow(KernelInputError);
  });
});

describe("flash-attention-forward", () => {
  const caseArb = fc
    .record({
      n: fc.integer({ min: 1, max: 24 }),
      d: fc.integer({ min: 1, max: 6 }),
      br: fc.integer({ min: 1, max: 9 }),
      bc: fc.integer({ min: 1, max: 9 }),
      range: fc.constantFrom(1, 4, 15),
    })
    .chain(({ n, d, br, bc, range }) =>
      fc.record({
        q: matrixArb(n, d, range).map((m) => Float64Array.from(m.flat())),
        k: matrixArb(n, d, range).map((m) => Float64Array.from(m.flat())),
        v: matrixArb(n, d, 2).map((m) => Float64Array.from(m.flat())),
        n: fc.constant(n),
        d: fc.constant(d),
        br: fc.constant(br),
        bc: fc.constant(bc),
      }),
    );

  it("out is exact attention and lse is the log-sum-exp of each row's scores, whatever the tile sizes", () => {
    fc.assert(
      fc.property(caseArb, ({ q, k, v, n, d, br, bc }) => {
        const { out, lse } = flashAttentionForward(q, k, v, n, d, br, bc);
        const want = scaledDotProductAttention(q, k, v, n, n, d, d, "none");
        expect(compareValues(out, want, close)).toEqual({ ok: true });
        for (let i = 0; i < n; i++) {
          const scores = Array.from({ length: n }, (_, j) => {
            let dot = 0;
            for (let x = 0; x < d; x++) dot += q[i * d + x] * k[j * d + x];
            return dot / Math.sqrt(d);
          });
          const top = Math.max(...scores);
          const want = top + Math.log(scores.reduce((a, s) => a + Math.exp(s - top), 0));
          expect(Math.abs(lse[i] - want)).toBeLessThan(1e-9 * (1 + Math.abs(want)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("the tile statistics do not depend on br; m never falls, and the last tile's (m, l) gives lse", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 30 }), ({ q, k, v, n, d, br, bc }, otherBr) => {
        const a = flashAttentionForward(q, k, v, n, d, br, bc);
        const b = flashAttentionForward(q, k, v, n, d, otherBr, bc);
        expect(compareValues(b, a, close)).toEqual({ ok: true });
        const tiles = Math.ceil(n / bc);
        for (let i = 0; i < n; i++) {
          for (let j = 1; j < tiles; j++) expect(a.m[j * n + i]).toBeGreaterThanOrEqual(a.m[(j - 1) * n + i]);
          for (let j = 0; j < tiles; j++) expect(a.l[j * n + i]).toBeGreaterThanOrEqual(1);
          const last = (tiles - 1) * n + i;
          expect(Math.abs(a.m[last] + Math.log(a.l[last]) - a.lse[i])).toBeLessThan(1e-12 * (1 + Math.abs(a.lse[i])));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("refuses buffers that do not match n × d and non-positive tile sizes", () => {
    const x = new Float64Array(6);
    expect(() => flashAttentionForward(x, x, new Float64Array(5), 3, 2, 1, 1)).toThrow(KernelInputError);
    expect(() => flashAttentionForward(x, x, x, 3, 2, 0, 1)).toThrow(KernelInputError);
    expect(() => flashAttentionForward(x, x, x, 3, 2, 1, 0)).toThrow(KernelInputError);
  });
});
