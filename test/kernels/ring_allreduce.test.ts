import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { KernelInputError } from "../../src/kernels/types.ts";
import { ringAllreduceKernel } from "../../src/problems/ring-allreduce/kernel.ts";

// A failing property reports within 20 s instead of shrinking for minutes; a busy machine runs fewer cases in
// that time instead of failing (a counterexample found still fails the test, a slow machine does not).
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false });

const ringAllreduce = ringAllreduceKernel.reference;

const buffersArb = fc
  .record({ workers: fc.integer({ min: 1, max: 9 }), length: fc.integer({ min: 0, max: 40 }) })
  .chain(({ workers, length }) =>
    fc.array(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: length, maxLength: length }), {
      minLength: workers,
      maxLength: workers,
    }),
  );

function plainMean(buffers: number[][]): number[] {
  return buffers[0].map((_, j) => buffers.reduce((sum, buffer) => sum + buffer[j], 0) / buffers.length);
}

describe("ring-allreduce", () => {
  it("leaves the plain mean on every worker for any worker count and buffer length", () => {
    fc.assert(
      fc.property(buffersArb, (buffers) => {
        const result = ringAllreduce(buffers);
        const mean = plainMean(buffers);
        const scale = Math.max(1, ...buffers.flat().map(Math.abs));
        expect(result.length).toBe(buffers.length);
        for (const held of result) {
          expect(held.length).toBe(mean.length);
          held.forEach((value, j) => {
            expect(Math.abs(value - mean[j])).toBeLessThanOrEqual(1e-12 * scale);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it("leaves every worker with bit-identical buffers (all-gather copies, never recomputes)", () => {
    fc.assert(
      fc.property(buffersArb, (buffers) => {
        const result = ringAllreduce(buffers);
        for (const held of result) expect(held).toEqual(result[0]);
      }),
      { numRuns: 100 },
    );
  });

  it("is exact on small integers whatever the chunking, including lengths not divisible by N", () => {
    // 7 workers, length 10: chunks of sizes 2, 2, 2, 1, 1, 1, 1.
    const buffers = Array.from({ length: 7 }, (_, w) => Array.from({ length: 10 }, (_, j) => 7 * (w - j)));
    const expected = Array.from({ length: 10 }, (_, j) => 7 * (3 - j));
    for (const held of ringAllreduce(buffers)) expect(held).toEqual(expected);
    expect(ringAllreduce([[1, 2]])).toEqual([[1, 2]]);
    expect(ringAllreduce([[], []])).toEqual([[], []]);
  });

  it("rejects no workers, ragged buffers and non-finite values", () => {
    expect(() => ringAllreduce([])).toThrow(KernelInputError);
    expect(() => ringAllreduce([[1, 2], [3]])).toThrow(/buffers\[1\] has length 1/);
    expect(() => ringAllreduce([[1, Number.NaN]])).toThrow(KernelInputError);
  });
});
