import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { compareValues } from "../../src/kernels/compare.ts";
import { checkResult } from "../../src/kernels/suite.ts";
import { KernelInputError } from "../../src/kernels/types.ts";
import { layerNormKernel } from "../../src/problems/layer-norm/kernel.ts";
import { luDecompose, luDecomposeKernel } from "../../src/problems/lu-decompose/kernel.ts";
import { matmulNaive } from "../../src/problems/matmul/kernel.ts";
import { onlineSoftmax } from "../../src/problems/online-softmax/kernel.ts";
import {
  type AttentionMask,
  attentionNaive,
  scaledDotProductAttention,
} from "../../src/problems/scaled-dot-product-attention/kernel.ts";
import { softmax } from "../../src/problems/softmax/kernel.ts";
import { matrixArb, smallFloat } from "./helpers/finite-difference.ts";

const layerNorm = layerNormKernel.reference;

function multiply(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((acc, v, p) => acc + v * b[p][j], 0)));
}

const squareArb = fc.integer({ min: 1, max: 8 }).chain((n) => matrixArb(n, n, 10));
/** Small integers make exact pivot ties and exactly singular matrices common. */
const integerSquareArb = fc
  .integer({ min: 1, max: 6 })
  .chain((n) =>
    fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
  );

describe("lu-decompose", () => {
  it("P·A = L·U with P a permutation, L unit lower-triangular with |L| ≤ 1, U upper-triangular", () => {
    fc.assert(
      fc.property(fc.oneof(squareArb, integerSquareArb), (A) => {
        const { P, L, U } = luDecompose(A);
        const n = A.length;
        for (let i = 0; i < n; i++) {
          expect(P[i].filter((v) => v === 1).length).toBe(1);
          expect(P.filter((row) => row[i] === 1).length).toBe(1);
          expect(L[i][i]).toBe(1);
          for (let j = 0; j < n; j++) {
            if (j > i) expect(L[i][j]).toBe(0);
            if (j < i) expect(U[i][j]).toBe(0);
            expect(Math.abs(L[i][j])).toBeLessThanOrEqual(1);
          }
        }
        expect(compareValues(multiply(L, U), multiply(P, A), { atol: 1e-12, rtol: 1e-12 })).toEqual({ ok: true });
      }),
      { numRuns: 300 },
    );
  });

  it("the checker accepts a valid factorisation with pivot ties broken the other way, and rejects wrong ones", () => {
    const A = [
      [1, 4],
      [-1, 2],
    ];
    const want = luDecompose(A); // tie |1| = |−1|: the top row stays
    expect(want.P).toEqual([
      [1, 0],
      [0, 1],
    ]);
    const swapped = {
      P: [
        [0, 1],
        [1, 0],
      ],
      L: [
        [1, 0],
        [-1, 1],
      ],
      U: [
        [-1, 2],
        [0, 6],
      ],
    };
    expect(checkResult(luDecomposeKernel, swapped, want)).toEqual({ ok: true });
    // a non-maximal pivot (|L| > 1) is not partial pivoting
    const B = [
      [1, 0],
      [3, 1],
    ];
    const notPivoted = {
      P: [
        [1, 0],
        [0, 1],
      ],
      L: [
        [1, 0],
        [3, 1],
      ],
      U: [
        [1, 0],
        [0, 1],
      ],
    };
    expect(checkResult(luDecomposeKernel, notPivoted, luDecompose(B)).ok).toBe(false);
    // a factorisation of a different matrix
    const wrong = {
      P: [
        [0, 1],
        [1, 0],
      ],
      L: [
        [1, 0],
        [-1, 1],
      ],
      U: [
        [-1, 2],
        [0, 7],
      ],
    };
    expect(checkResult(luDecomposeKernel, wrong, want)).toMatchObject({
      ok: false,
      message: expect.stringContaining("at .P[0][0]"),
    });
    expect(checkResult(luDecomposeKernel, null, want).ok).toBe(false);
    // the permutation is integral: a nearly-1 entry is not accepted
    const fuzzy = {
      ...want,
      P: [
        [1 - 1e-12, 0],
        [0, 1],
      ],
    };
    expect(checkResult(luDecomposeKernel, fuzzy, want)).toMatchObject({
      ok: false,
      message: expect.stringContaining("P: at [0][0]"),
    });
    expect(
      checkResult(
        luDecomposeKernel,
        {
          P: [
            [0, 1],
            [1, 1],
          ],
          L: swapped.L,
          U: swapped.U,
        },
        want,
      ).ok,
    ).toBe(false);
  });

  it("skips an all-zero column of a singular matrix instead of dividing by zero", () => {
    const { P, L, U } = luDecompose([
      [0, 2, 1],
      [0, 3, 4],
      [0, -1, 5],
    ]);
    for (const v of [...P.flat(), ...L.flat(), ...U.flat()]) expect(Number.isFinite(v)).toBe(true);
    expect(U[0][0]).toBe(0);
    expect(() =>
      luDecompose([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toThrow(/A must be square, got 2×3/);
    expect(() => luDecompose([])).toThrow(KernelInputError);
  });
});

describe("softmax and online_softmax", () => {
  const rowsArb = fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 12 }))
    .chain(([rows, cols]) => matrixArb(rows, cols, 800));

  it("softmax rows are probabilities summing to 1, even for huge logits", () => {
    fc.assert(
      fc.property(rowsArb, (x) => {
        for (const row of softmax(x)) {
          for (const p of row) expect(p >= 0 && p <= 1).toBe(true);
          expect(Math.abs(row.reduce((a, p) => a + p, 0) - 1)).toBeLessThan(1e-12);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("softmax is invariant to adding a constant to a row and keeps the order of the scores", () => {
    fc.assert(
      fc.property(matrixArb(2, 5, 20), smallFloat(50), (x, shift) => {
        const shifted = softmax(x.map((row) => row.map((v) => v + shift)));
        expect(compareValues(shifted, softmax(x), { atol: 1e-12, rtol: 1e-9 })).toEqual({ ok: true });
        const [row] = softmax([x[0]]);
        for (let i = 0; i < 5; i++)
          for (let j = 0; j < 5; j++) if (x[0][i] < x[0][j]) expect(row[i]).toBeLessThanOrEqual(row[j]);
      }),
      { numRuns: 150 },
    );
  });

  const blocksArb = fc.array(fc.array(smallFloat(1000), { minLength: 1, maxLength: 6 }), {
    minLength: 1,
    maxLength: 5,
  });
  const partArb = fc.array(smallFloat(1000), { minLength: 1, maxLength: 6 });
  const stateOf = (x: number[]) => {
    const max = Math.max(...x);
    return { max, sum: x.reduce((a, v) => a + Math.exp(v - max), 0) };
  };

  it("online softmax: the state after each block is the prefix's (max, shifted sum), and probs are the whole row's", () => {
    fc.assert(
      fc.property(blocksArb, partArb, (blocks, other) => {
        const otherState = stateOf(other);
        const result = onlineSoftmax(blocks, otherState.max, otherState.sum);
        blocks.forEach((_, k) => {
          const prefix = stateOf(blocks.slice(0, k + 1).flat());
          expect(result.maxes[k]).toBe(prefix.max);
          expect(compareValues(result.sums[k], prefix.sum, { atol: 0, rtol: 1e-12 })).toEqual({ ok: true });
        });
        const row = [...blocks.flat(), ...other];
        const whole = stateOf(row);
        expect(result.max).toBe(whole.max);
        expect(compareValues(result.sum, whole.sum, { atol: 0, rtol: 1e-12 })).toEqual({ ok: true });
        const rowProbs = softmax([row])[0].slice(0, blocks.flat().length);
        expect(compareValues(result.probs, rowProbs, { atol: 1e-14, rtol: 1e-12 })).toEqual({ ok: true });
      }),
      { numRuns: 300 },
    );
  });

  it("online softmax: the merge does not depend on where the row is split (it is associative)", () => {
    fc.assert(
      fc.property(partArb, partArb, partArb, (a, b, c) => {
        // (a ∪ b) merged with c, against a merged with (b ∪ c): the same row, split at a different place.
        const left = onlineSoftmax([a, b], stateOf(c).max, stateOf(c).sum);
        const right = onlineSoftmax([a], stateOf([...b, ...c]).max, stateOf([...b, ...c]).sum);
        expect(left.max).toBe(right.max);
        expect(compareValues(left.sum, right.sum, { atol: 0, rtol: 1e-12 })).toEqual({ ok: true });
      }),
      { numRuns: 200 },
    );
  });

  it("rejects empty and non-finite input", () => {
    expect(() => softmax([[]])).toThrow(/x\[0\] must not be empty/);
    expect(() => onlineSoftmax([], 0, 1)).toThrow(/blocks must not be empty/);
    expect(() => onlineSoftmax([[1], []], 0, 1)).toThrow(/blocks\[1\] must not be empty/);
    expect(() => onlineSoftmax([[1, Number.POSITIVE_INFINITY]], 0, 1)).toThrow(
      /blocks\[0\]\[1\] must be a finite number/,
    );
    expect(() => onlineSoftmax([[1]], 0, 0.5)).toThrow(/otherSum .* is ≥ 1/);
  });
});

describe("layer-norm", () => {
  it("with gamma 1 and beta 0 gives rows of mean 0 and variance σ²/(σ² + eps)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 16 }).chain((d) => matrixArb(3, d, 100)),
        (x) => {
          const d = x[0].length;
          const y = layerNorm(x, new Array(d).fill(1), new Array(d).fill(0), 1e-5);
          y.forEach((row, i) => {
            const mean = x[i].reduce((a, v) => a + v, 0) / d;
            const variance = x[i].reduce((a, v) => a + (v - mean) ** 2, 0) / d;
            expect(Math.abs(row.reduce((a, v) => a + v, 0) / d)).toBeLessThan(1e-9);
            const outVariance = row.reduce((a, v) => a + v * v, 0) / d;
            expect(outVariance).toBeCloseTo(variance / (variance + 1e-5), 9);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("keeps its precision under a large common offset and applies gamma and beta per feature", () => {
    const base = [0.25, -0.5, 0.75, -0.125];
    const offset = layerNorm([base.map((v) => v + 1e6)], [1, 1, 1, 1], [0, 0, 0, 0], 1e-5);
    expect(
      compareValues(offset, layerNorm([base], [1, 1, 1, 1], [0, 0, 0, 0], 1e-5), { atol: 1e-9, rtol: 1e-9 }),
    ).toEqual({ ok: true });
    const scaled = layerNorm([base], [2, 2, 2, 2], [1, 1, 1, 1], 1e-5)[0];
    const plain = layerNorm([base], [1, 1, 1, 1], [0, 0, 0, 0], 1e-5)[0];
    for (const [j, v] of scaled.entries()) expect(v).toBeCloseTo(2 * plain[j] + 1, 12);
    expect(layerNorm([[5, 5]], [1, 1], [0.5, -0.5], 1e-5)).toEqual([[0.5, -0.5]]);
    expect(() => layerNorm([[1, 2]], [1, 1], [0, 0], 0)).toThrow(/eps must be > 0/);
    expect(() => layerNorm([[1, 2]], [1], [0, 0], 1e-5)).toThrow(/gamma must have length 2/);
  });
});

describe("scaled-dot-product-attention", () => {
  const attentionArb = fc
    .record({
      seqQ: fc.integer({ min: 1, max: 40 }),
      seqK: fc.integer({ min: 1, max: 40 }),
      dK: fc.integer({ min: 1, max: 8 }),
      dV: fc.integer({ min: 1, max: 6 }),
      mask: fc.constantFrom<AttentionMask>("none", "top-left", "bottom-right"),
    })
    // bottom-right needs seqQ ≤ seqK (the queries are the last seqQ positions)
    .map((s) => (s.mask === "bottom-right" && s.seqQ > s.seqK ? { ...s, mask: "top-left" as const } : s))
    .chain((s) => {
      const floats = (n: number) =>
        fc.float64Array({ minLength: n, maxLength: n, min: -4, max: 4, noNaN: true, noDefaultInfinity: true });
      return fc.tuple(fc.constant(s), floats(s.seqQ * s.dK), floats(s.seqK * s.dK), floats(s.seqK * s.dV));
    });

  it("equals softmax(Q·Kᵀ/√dK + mask)·V composed from softmax and matmul, and the naive per-query loop", () => {
    fc.assert(
      fc.property(attentionArb, ([{ seqQ, seqK, dK, dV, mask }, q, k, v]) => {
        const offset = mask === "bottom-right" ? seqK - seqQ : 0;
        const kT = new Float64Array(dK * seqK);
        for (let j = 0; j < seqK; j++) for (let d = 0; d < dK; d++) kT[d * seqK + j] = k[j * dK + d];
        const scores = matmulNaive(q, kT, seqQ, dK, seqK);
        const rows = Array.from({ length: seqQ }, (_, i) =>
          Array.from(
            { length: mask === "none" ? seqK : Math.min(i + offset + 1, seqK) },
            (_, j) => scores[i * seqK + j] / Math.sqrt(dK),
          ),
        );
        const weights = new Float64Array(seqQ * seqK);
        rows.forEach((row, i) => {
          for (const [j, p] of softmax([row])[0].entries()) weights[i * seqK + j] = p;
        });
        const expected = matmulNaive(weights, v, seqQ, seqK, dV);
        const got = scaledDotProductAttention(q, k, v, seqQ, seqK, dK, dV, mask);
        expect(compareValues(got, expected, { atol: 1e-11, rtol: 1e-10 })).toEqual({ ok: true });
        expect(
          compareValues(got, attentionNaive(q, k, v, seqQ, seqK, dK, dV, mask), { atol: 1e-11, rtol: 1e-10 }),
        ).toEqual({ ok: true });
      }),
      { numRuns: 120 },
    );
  });

  it("with the causal mask, changing later keys and values never changes earlier outputs", () => {
    fc.assert(
      fc.property(attentionArb, ([{ seqQ, dK, dV }, q, k, v]) => {
        const n = Math.min(seqQ, Math.floor(k.length / dK), Math.floor(v.length / dV));
        const qs = q.slice(0, n * dK);
        const base = scaledDotProductAttention(qs, k.slice(0, n * dK), v.slice(0, n * dV), n, n, dK, dV, "top-left");
        const k2 = k.slice(0, n * dK).fill(7, (n - 1) * dK);
        const v2 = v.slice(0, n * dV).fill(-7, (n - 1) * dV);
        const changed = scaledDotProductAttention(qs, k2, v2, n, n, dK, dV, "top-left");
        expect(Array.from(changed.slice(0, (n - 1) * dV))).toEqual(Array.from(base.slice(0, (n - 1) * dV)));
      }),
      { numRuns: 80 },
    );
  });

  it("returns v when there is a single key, stays finite for huge scores, and rejects bad sizes", () => {
    const v = Float64Array.of(3, -1);
    expect(
      Array.from(
        scaledDotProductAttention(Float64Array.of(1e6, 2, -1e6, 4), Float64Array.of(1, 1), v, 2, 1, 2, 2, "none"),
      ),
    ).toEqual([3, -1, 3, -1]);
    const huge = scaledDotProductAttention(
      Float64Array.of(1e3),
      Float64Array.of(1e3, -1e3),
      Float64Array.of(1, 2),
      1,
      2,
      1,
      1,
      "none",
    );
    expect(Array.from(huge)).toEqual([1]);
    expect(() =>
      scaledDotProductAttention(new Float64Array(4), new Float64Array(4), new Float64Array(3), 2, 2, 2, 2, "none"),
    ).toThrow(/v must have length 4/);
    expect(() =>
      scaledDotProductAttention(new Float64Array(0), new Float64Array(0), new Float64Array(0), 0, 0, 2, 2, "none"),
    ).toThrow(/seqQ must be an integer ≥ 1/);
    expect(() =>
      scaledDotProductAttention(
        new Float64Array(2),
        new Float64Array(2),
        new Float64Array(2),
        1,
        1,
        2,
        2,
        true as unknown as AttentionMask,
      ),
    ).toThrow(/mask must be one of none, top-left, bottom-right/);
    expect(() =>
      scaledDotProductAttention(
        new Float64Array(4),
        new Float64Array(2),
        new Float64Array(2),
        2,
        1,
        2,
        2,
        "bottom-right",
      ),
    ).toThrow(/bottom-right mask needs seqQ ≤ seqK/);
  });

  it("bottom-right: one decoding query sees every cached key; the last seqQ queries match a full causal pass", () => {
    fc.assert(
      fc.property(attentionArb, ([{ seqK, dK, dV }, , k, v]) => {
        // Causal attention over all seqK positions (square, where both alignments agree), then only its last
        // seqQ rows recomputed from their own queries with a bottom-right mask: the rows must agree.
        // One query per position, derived from the keys (any values do: the property is about the mask).
        const full = k.map((x, n) => 0.7 * x - 0.3 * (n % 3));
        const all = scaledDotProductAttention(full, k, v, seqK, seqK, dK, dV, "top-left");
        for (const seqQ of [1, Math.ceil(seqK / 2), seqK]) {
          const tail = scaledDotProductAttention(
            full.slice((seqK - seqQ) * dK),
            k,
            v,
            seqQ,
            seqK,
            dK,
            dV,
            "bottom-right",
          );
          expect(compareValues(tail, all.slice((seqK - seqQ) * dV), { atol: 1e-12, rtol: 1e-12 })).toEqual({
            ok: true,
          });
        }
        const oneQuery = full.slice((seqK - 1) * dK);
        expect(
          compareValues(
            scaledDotProductAttention(oneQuery, k, v, 1, seqK, dK, dV, "bottom-right"),
            scaledDotProductAttention(oneQuery, k, v, 1, seqK, dK, dV, "none"),
            { atol: 0, rtol: 0 },
          ),
        ).toEqual({ ok: true });
      }),
      { numRuns: 80 },
    );
  });
});
