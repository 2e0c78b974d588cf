import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { compareValues } from "../../src/kernels/compare.ts";
import { KernelInputError } from "../../src/kernels/types.ts";
import { type Conv2dDims, conv2d, conv2dDirect, conv2dIm2col } from "../../src/problems/conv2d/kernel.ts";
import { matmulNaive } from "../../src/problems/matmul/kernel.ts";
import { maxPool2dKernel } from "../../src/problems/max-pool2d/kernel.ts";
import { rnnForwardKernel } from "../../src/problems/rnn-forward/kernel.ts";
import { matrixArb, smallFloat } from "./helpers/finite-difference.ts";

const maxPool2d = maxPool2dKernel.reference;
const rnnForward = rnnForwardKernel.reference;
const close = { atol: 1e-11, rtol: 1e-11 };

const floats = (length: number) =>
  fc.float64Array({ minLength: length, maxLength: length, min: -3, max: 3, noNaN: true, noDefaultInfinity: true });

/** Any valid convolution: the padded input is at least as large as the kernel. */
const convArb = fc
  .record({
    batch: fc.integer({ min: 1, max: 2 }),
    inChannels: fc.integer({ min: 1, max: 3 }),
    outChannels: fc.integer({ min: 1, max: 3 }),
    kernelH: fc.integer({ min: 1, max: 4 }),
    kernelW: fc.integer({ min: 1, max: 4 }),
    stride: fc.integer({ min: 1, max: 3 }),
    padding: fc.integer({ min: 0, max: 3 }),
    extraH: fc.integer({ min: 0, max: 6 }),
    extraW: fc.integer({ min: 0, max: 6 }),
  })
  .chain(({ extraH, extraW, ...rest }) => {
    const dims: Conv2dDims = {
      ...rest,
      height: Math.max(1, rest.kernelH - 2 * rest.padding + extraH),
      width: Math.max(1, rest.kernelW - 2 * rest.padding + extraW),
    };
    return fc.tuple(
      fc.constant(dims),
      floats(dims.batch * dims.inChannels * dims.height * dims.width),
      floats(dims.outChannels * dims.inChannels * dims.kernelH * dims.kernelW),
      floats(dims.outChannels),
    );
  });

describe("conv2d", () => {
  // One 3×3 single-channel image, one 2×2 kernel, stride 1, no padding.
  const dims: Conv2dDims = {
    batch: 1,
    inChannels: 1,
    height: 3,
    width: 3,
    outChannels: 1,
    kernelH: 2,
    kernelW: 2,
    stride: 1,
    padding: 0,
  };

  it("the cache-aware reference equals the direct sum and the im2col + matmul version", () => {
    fc.assert(
      fc.property(convArb, ([dims, input, weight, bias]) => {
        const direct = conv2dDirect(input, weight, bias, dims);
        expect(compareValues(conv2d(input, weight, bias, dims), direct, close)).toEqual({ ok: true });
        expect(compareValues(conv2dIm2col(input, weight, bias, dims), direct, close)).toEqual({ ok: true });
      }),
      { numRuns: 200 },
    );
  });

  it("a 1×1 convolution with stride 1 is a matrix product over channels at every pixel", () => {
    fc.assert(
      fc.property(
        fc
          .record({
            c: fc.integer({ min: 1, max: 4 }),
            o: fc.integer({ min: 1, max: 4 }),
            hw: fc.integer({ min: 1, max: 9 }),
          })
          .chain(({ c, o, hw }) => fc.tuple(fc.constant({ c, o, hw }), floats(c * hw), floats(o * c))),
        ([{ c, o, hw }, input, weight]) => {
          const dims = {
            batch: 1,
            inChannels: c,
            height: 1,
            width: hw,
            outChannels: o,
            kernelH: 1,
            kernelW: 1,
            stride: 1,
            padding: 0,
          };
          const out = conv2d(input, weight, new Float64Array(o), dims);
          expect(compareValues(out, matmulNaive(weight, input, o, c, hw), close)).toEqual({ ok: true });
        },
      ),
      { numRuns: 80 },
    );
  });

  it("computes the worked example (cross-correlation: the kernel is not flipped)", () => {
    const out = conv2d(
      Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9),
      Float64Array.of(1, 0, 0, -1),
      Float64Array.of(0.5),
      dims,
    );
    expect(Array.from(out)).toEqual([-3.5, -3.5, -3.5, -3.5]);
  });

  it("rejects bad sizes, stride 0, kernels that do not fit and arrays of the wrong length", () => {
    const input = new Float64Array(9);
    const weight = new Float64Array(4);
    const bias = new Float64Array(1);
    expect(() => conv2d(input, weight, bias, dims)).not.toThrow();
    expect(() => conv2d(input, weight, bias, { ...dims, stride: 0 })).toThrow(/dims.stride must be an integer ≥ 1/);
    expect(() => conv2d(input, weight, bias, { ...dims, padding: -1 })).toThrow(/dims.padding must be an integer ≥ 0/);
    expect(() => conv2d(input, weight, bias, { ...dims, kernelH: 4, kernelW: 4 })).toThrow(/does not fit/);
    expect(() => conv2d(input, new Float64Array(5), bias, dims)).toThrow(/weight must have length 4/);
    expect(() => conv2d(input, weight, new Float64Array(2), dims)).toThrow(/bias must have length 1/);
    expect(() => conv2d(input, weight, bias, { ...dims, inChannels: 1.5 })).toThrow(KernelInputError);
  });
});

describe("max-pool2d", () => {
  const poolArb = fc
    .record({ c: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 1, max: 8 }), w: fc.integer({ min: 1, max: 8 }) })
    .chain(({ c, h, w }) =>
      fc.tuple(
        fc.array(matrixArb(h, w, 5), { minLength: c, maxLength: c }),
        fc.integer({ min: 1, max: Math.min(h, w) }),
        fc.integer({ min: 1, max: 3 }),
      ),
    );

  it("each output is the maximum of its window, which is one of the window's values, and shapes follow floor mode", () => {
    fc.assert(
      fc.property(poolArb, ([input, k, s]) => {
        const out = maxPool2d(input, k, s);
        const outH = Math.floor((input[0].length - k) / s) + 1;
        const outW = Math.floor((input[0][0].length - k) / s) + 1;
        expect(out.length).toBe(input.length);
        out.forEach((channel, c) => {
          expect(channel.length).toBe(outH);
          channel.forEach((row, y) => {
            expect(row.length).toBe(outW);
            row.forEach((value, x) => {
              const window = input[c].slice(y * s, y * s + k).flatMap((r) => r.slice(x * s, x * s + k));
              expect(value).toBe(Math.max(...window));
            });
          });
        });
      }),
      { numRuns: 150 },
    );
  });

  it("with a 1×1 window and stride 1 is the identity", () => {
    fc.assert(
      fc.property(poolArb, ([input]) => {
        expect(maxPool2d(input, 1, 1)).toEqual(input);
      }),
      { numRuns: 40 },
    );
  });

  it("rejects windows larger than the input, stride 0 and ragged channels", () => {
    expect(
      maxPool2d(
        [
          [
            [1, 3],
            [2, 0],
          ],
        ],
        2,
        2,
      ),
    ).toEqual([[[3]]]);
    expect(() =>
      maxPool2d(
        [
          [
            [1, 3],
            [2, 0],
          ],
        ],
        3,
        1,
      ),
    ).toThrow(/larger than the 2×2 input/);
    expect(() =>
      maxPool2d(
        [
          [
            [1, 3],
            [2, 0],
          ],
        ],
        1,
        0,
      ),
    ).toThrow(/stride must be an integer ≥ 1/);
    expect(() =>
      maxPool2d(
        [
          [
            [1, 3],
            [2, 0],
          ],
          [[1, 2]],
        ],
        1,
        1,
      ),
    ).toThrow(/input\[1\] must have 2 rows/);
    expect(() => maxPool2d([], 1, 1)).toThrow(/at least one channel/);
  });
});

describe("rnn-forward", () => {
  const rnnArb = fc
    .record({ t: fc.integer({ min: 1, max: 6 }), d: fc.integer({ min: 1, max: 4 }), h: fc.integer({ min: 1, max: 4 }) })
    .chain(({ t, d, h }) =>
      fc.tuple(
        matrixArb(t, d),
        matrixArb(h, d),
        matrixArb(h, h),
        fc.array(smallFloat(), { minLength: h, maxLength: h }),
        fc.array(smallFloat(), { minLength: h, maxLength: h }),
        smallFloat(),
      ),
    );

  it("returns a probability, and a one-step sequence gives sigmoid(wOut·tanh(Wx·x + bh) + bOut)", () => {
    fc.assert(
      fc.property(rnnArb, ([xs, Wx, Wh, bh, wOut, bOut]) => {
        const p = rnnForward(xs, Wx, Wh, bh, wOut, bOut);
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThan(1);
        const h = Wx.map((row, r) => Math.tanh(row.reduce((acc, w, d) => acc + w * xs[0][d], bh[r])));
        const logit = h.reduce((acc, v, r) => acc + v * wOut[r], bOut);
        expect(rnnForward([xs[0]], Wx, Wh, bh, wOut, bOut)).toBeCloseTo(1 / (1 + Math.exp(-logit)), 14);
      }),
      { numRuns: 100 },
    );
  });

  it("runs the recurrence: T steps equal one step started from the state after T − 1 steps", () => {
    fc.assert(
      fc.property(rnnArb, ([xs, Wx, Wh, bh]) => {
        // Read the hidden state through an identity-like head: with wOut = e_r and bOut = 0, logit(p) = h_T[r].
        const logit = (p: number) => Math.log(p / (1 - p));
        const state = (seq: number[][]) =>
          bh.map((_, r) =>
            logit(
              rnnForward(
                seq,
                Wx,
                Wh,
                bh,
                bh.map((__, q) => (q === r ? 1 : 0)),
                0,
              ),
            ),
          );
        const before = xs.length > 1 ? state(xs.slice(0, -1)) : bh.map(() => 0);
        const last = xs[xs.length - 1];
        const expected = bh.map((bias, r) =>
          Math.tanh(
            bias + Wx[r].reduce((a, w, d) => a + w * last[d], 0) + Wh[r].reduce((a, w, q) => a + w * before[q], 0),
          ),
        );
        expect(compareValues(state(xs), expected, { atol: 1e-9, rtol: 1e-8 })).toEqual({ ok: true });
      }),
      { numRuns: 80 },
    );
  });

  it("is stable for saturated logits and rejects inconsistent shapes", () => {
    expect(rnnForward([[1]], [[0]], [[0]], [0], [1], 800)).toBe(1);
    expect(rnnForward([[1]], [[0]], [[0]], [0], [1], -800)).toBeGreaterThanOrEqual(0);
    expect(() => rnnForward([], [[1]], [[1]], [0], [1], 0)).toThrow(/xs must have at least one row/);
    expect(() => rnnForward([[1, 2]], [[1]], [[1]], [0], [1], 0)).toThrow(/Wx\[0\] must be a row of length 2/);
    expect(() => rnnForward([[1]], [[1]], [[1, 0]], [0], [1], 0)).toThrow(/Wh\[0\] must be a row of length 1/);
    expect(() => rnnForward([[1]], [[1]], [[1]], [0, 1], [1], 0)).toThrow(/bh must have length 1/);
    expect(() => rnnForward([[1]], [[1]], [[1]], [0], [1], Number.NaN)).toThrow(/bOut must be a finite number/);
  });
});
