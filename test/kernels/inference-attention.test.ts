// Property tests of the inference-track kernels (src/problems/rmsnorm-fused-residual, rope-apply,
// gqa-kv-cache-attention, paged-attention-decode, flash-attention-forward): each reference against an
// invariant of its definition or a second, differently written implementation.
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { compareValues } from "../../src/kernels/compare.ts";
import { KernelInputError } from "../../src/kernels/types.ts";
import { layerNormKernel } from "../../src/problems/layer-norm/kernel.ts";
import { rmsNormFusedResidual } from "../../src/problems/rmsnorm-fused-residual/kernel.ts";
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

  it("is LayerNorm with beta = 0 on rows whose mean is zero, and ignores a positive rescaling of the stream", () => {
    fc.assert(
      fc.property(rowsArb, fc.double({ min: 0.1, max: 10, noNaN: true }), ({ x, r, gamma }, c) => {
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
