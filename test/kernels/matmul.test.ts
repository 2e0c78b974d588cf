import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { compareValues } from "../../src/kernels/compare.ts";
import { KernelInputError } from "../../src/kernels/types.ts";
import { matmulBlocked, matmulKernel, matmulNaive } from "../../src/problems/matmul/kernel.ts";

const dims = fc.record({
  n: fc.integer({ min: 1, max: 20 }),
  k: fc.integer({ min: 1, max: 20 }),
  m: fc.integer({ min: 1, max: 20 }),
});
const floats = (length: number) =>
  fc.float64Array({ minLength: length, maxLength: length, min: -4, max: 4, noNaN: true, noDefaultInfinity: true });
const withData = dims.chain(({ n, k, m }) => fc.tuple(fc.constant({ n, k, m }), floats(n * k), floats(k * m)));

function identity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

describe("matmul", () => {
  it("blocked equals the naive triple loop, including sizes that straddle the tiles", () => {
    fc.assert(
      fc.property(withData, ([{ n, k, m }, a, b]) => {
        expect(
          compareValues(matmulBlocked(a, b, n, k, m), matmulNaive(a, b, n, k, m), { atol: 1e-12, rtol: 1e-12 }),
        ).toEqual({ ok: true });
      }),
      { numRuns: 150 },
    );
    for (const [n, k, m] of [
      [65, 70, 3],
      [3, 129, 2],
      [2, 5, 300],
      [70, 66, 257],
    ]) {
      const a = Float64Array.from({ length: n * k }, (_, i) => Math.sin(i));
      const b = Float64Array.from({ length: k * m }, (_, i) => Math.cos(i));
      expect(
        compareValues(matmulBlocked(a, b, n, k, m), matmulNaive(a, b, n, k, m), { atol: 1e-11, rtol: 1e-11 }),
      ).toEqual({ ok: true });
    }
  });

  it("has the identity as a neutral element on both sides", () => {
    fc.assert(
      fc.property(withData, ([{ n, k }, a]) => {
        // exact: multiplying by 1 and adding zeros loses nothing (−0 and 0 compare equal)
        const exact = { atol: 0, rtol: 0, exact: true };
        expect(compareValues(matmulBlocked(a, identity(k), n, k, k), a, exact)).toEqual({ ok: true });
        expect(compareValues(matmulBlocked(identity(n), a, n, n, k), a, exact)).toEqual({ ok: true });
      }),
      { numRuns: 100 },
    );
  });

  it("is associative within floating-point tolerance", () => {
    const chain = fc
      .record({
        n: fc.integer({ min: 1, max: 10 }),
        k: fc.integer({ min: 1, max: 10 }),
        m: fc.integer({ min: 1, max: 10 }),
        p: fc.integer({ min: 1, max: 10 }),
      })
      .chain((d) => fc.tuple(fc.constant(d), floats(d.n * d.k), floats(d.k * d.m), floats(d.m * d.p)));
    fc.assert(
      fc.property(chain, ([{ n, k, m, p }, a, b, c]) => {
        const left = matmulBlocked(matmulBlocked(a, b, n, k, m), c, n, m, p);
        const right = matmulBlocked(a, matmulBlocked(b, c, k, m, p), n, k, p);
        expect(compareValues(left, right, { atol: 1e-9, rtol: 1e-9 })).toEqual({ ok: true });
      }),
      { numRuns: 100 },
    );
  });

  it("computes the worked example", () => {
    const c = matmulKernel.reference(Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(7, 8, 9, 10, 11, 12), 2, 3, 2);
    expect(Array.from(c)).toEqual([58, 64, 139, 154]);
  });

  it("rejects inconsistent sizes and bad inputs", () => {
    const a = new Float64Array(6);
    expect(() => matmulBlocked(a, new Float64Array(6), 2, 3, 2)).not.toThrow();
    expect(() => matmulBlocked(a, new Float64Array(5), 2, 3, 2)).toThrow(/b must have length 6/);
    expect(() => matmulBlocked(a, new Float64Array(6), 3, 3, 2)).toThrow(KernelInputError);
    expect(() => matmulBlocked(a, new Float64Array(0), 2, 3, 0)).toThrow(/m must be an integer ≥ 1/);
    expect(() => matmulBlocked(a, new Float64Array(6), -2, -3, 2)).toThrow(KernelInputError);
    expect(() => matmulBlocked(Float64Array.of(1, 2, Number.NaN, 4, 5, 6), new Float64Array(6), 2, 3, 2)).toThrow(
      /a\[2\] must be finite/,
    );
    expect(() => matmulBlocked([1, 2] as unknown as Float64Array, Float64Array.of(1, 2), 1, 2, 1)).toThrow(
      /Float64Array/,
    );
  });
});
