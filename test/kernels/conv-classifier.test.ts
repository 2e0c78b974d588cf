import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { compareValues } from "../../src/kernels/compare.ts";
import { generateTests } from "../../src/kernels/suite.ts";
import { KernelInputError } from "../../src/kernels/types.ts";
import { convClassifier, convClassifierKernel } from "../../src/problems/conv-classifier/kernel.ts";
import { conv2d } from "../../src/problems/conv2d/kernel.ts";
import { linearForward } from "../../src/problems/linear-forward/kernel.ts";
import { maxPool2dKernel } from "../../src/problems/max-pool2d/kernel.ts";
import { softmax } from "../../src/problems/softmax/kernel.ts";
import { TEST_HIDDEN_STATES } from "../helpers/hidden-tests.ts";

type Args = Parameters<typeof convClassifier>;
const close = { atol: 1e-12, rtol: 1e-10 };

/** The same pipeline built from the suite's own conv2d, max_pool2d, linear_forward and softmax kernels. */
function composed(...[images, filters, convBias, poolSize, denseW, denseB]: Args): number[][] {
  const [height, width] = [images[0].length, images[0][0].length];
  const [kernelH, kernelW] = [filters[0].length, filters[0][0].length];
  const dims = {
    batch: images.length,
    inChannels: 1,
    height,
    width,
    outChannels: filters.length,
    kernelH,
    kernelW,
    stride: 1,
    padding: 0,
  };
  const maps = conv2d(
    Float64Array.from(images.flat(2)),
    Float64Array.from(filters.flat(2)),
    Float64Array.from(convBias),
    dims,
  );
  const [outH, outW] = [height - kernelH + 1, width - kernelW + 1];
  const flat = images.map((_, n) => {
    const channels = filters.map((_, f) =>
      Array.from({ length: outH }, (_, y) =>
        Array.from({ length: outW }, (_, x) => Math.max(0, maps[((n * filters.length + f) * outH + y) * outW + x])),
      ),
    );
    return maxPool2dKernel.reference(channels, poolSize, poolSize).flat(2);
  });
  return softmax(linearForward(flat, denseW, denseB));
}

const caseArb = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    filters: fc.integer({ min: 1, max: 3 }),
    kernelH: fc.integer({ min: 1, max: 3 }),
    kernelW: fc.integer({ min: 1, max: 3 }),
    extraH: fc.integer({ min: 0, max: 5 }),
    extraW: fc.integer({ min: 0, max: 5 }),
    pool: fc.integer({ min: 1, max: 3 }),
    classes: fc.integer({ min: 2, max: 4 }),
  })
  .chain((s) => {
    const height = s.kernelH + Math.max(s.extraH, s.pool - 1);
    const width = s.kernelW + Math.max(s.extraW, s.pool - 1);
    const features =
      s.filters * Math.floor((height - s.kernelH + 1) / s.pool) * Math.floor((width - s.kernelW + 1) / s.pool);
    const value = fc.double({ min: -2, max: 2, noNaN: true });
    const grid = (rows: number, cols: number) =>
      fc.array(fc.array(value, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
    return fc.tuple(
      fc.array(grid(height, width), { minLength: s.batch, maxLength: s.batch }),
      fc.array(grid(s.kernelH, s.kernelW), { minLength: s.filters, maxLength: s.filters }),
      fc.array(value, { minLength: s.filters, maxLength: s.filters }),
      fc.constant(s.pool),
      grid(features, s.classes),
      fc.array(value, { minLength: s.classes, maxLength: s.classes }),
    );
  });

describe("conv-classifier", () => {
  it("agrees with conv2d → ReLU → max_pool2d → linear_forward → softmax composed from the suite", () => {
    fc.assert(
      fc.property(caseArb, (args) => {
        expect(compareValues(convClassifier(...args), composed(...args), close)).toEqual({ ok: true });
      }),
      { numRuns: 200 },
    );
    for (const test of generateTests(
      convClassifierKernel,
      20261129,
      convClassifierKernel.testCounts,
      TEST_HIDDEN_STATES,
    )) {
      const args = test.args as Args;
      expect(compareValues(convClassifier(...args), composed(...args), close)).toEqual({ ok: true });
    }
  });

  it("returns a probability distribution per image, unchanged by a constant added to every logit", () => {
    fc.assert(
      fc.property(caseArb, fc.double({ min: -500, max: 500, noNaN: true }), (args, shift) => {
        const probs = convClassifier(...args);
        expect(probs.length).toBe(args[0].length);
        for (const row of probs) {
          for (const p of row) expect(p >= 0 && p <= 1).toBe(true);
          expect(row.reduce((a, p) => a + p, 0)).toBeCloseTo(1, 12);
        }
        const [images, filters, convBias, poolSize, denseW, denseB] = args;
        const shifted = convClassifier(
          images,
          filters,
          convBias,
          poolSize,
          denseW,
          denseB.map((b) => b + shift),
        );
        expect(compareValues(shifted, probs, { atol: 1e-9, rtol: 1e-9 })).toEqual({ ok: true });
      }),
      { numRuns: 100 },
    );
  });

  it("classifies each image on its own: permuting the batch permutes the rows", () => {
    fc.assert(
      fc.property(caseArb, ([images, ...rest]) => {
        const reversed = convClassifier(images.slice().reverse(), ...rest);
        expect(reversed).toEqual(convClassifier(images, ...rest).reverse());
      }),
      { numRuns: 50 },
    );
  });

  it("gives softmax(denseB) when ReLU zeroes every feature map, and stays finite for logits in the thousands", () => {
    const image = [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ];
    const zeroed = convClassifier([image], [[[-1]]], [-0.5], 2, [[3, -3]], [0.2, -0.1]);
    expect(compareValues(zeroed, softmax([[0.2, -0.1]]), close)).toEqual({ ok: true });
    const huge = convClassifier(
      [image],
      [[[100]]],
      [0],
      1,
      Array.from({ length: 9 }, () => [10, 9.99]),
      [0, 0],
    );
    expect(huge[0].every(Number.isFinite)).toBe(true);
    expect(huge[0][0]).toBeGreaterThan(huge[0][1]);
  });

  it("rejects inconsistent shapes with a KernelInputError", () => {
    const image = [
      [1, 2],
      [3, 4],
    ];
    const bad: Args[] = [
      [[image], [[[1, 2, 3]]], [0], 1, [[1]], [0]], // filter wider than the image
      [[image], [[[1]]], [0], 3, [[1]], [0]], // pool window larger than the feature map
      [[image], [[[1]]], [0], 1, [[1], [1]], [0]], // denseW has 2 rows, the features are 4
      [[image], [[[1]]], [0, 1], 1, [[1], [1], [1], [1]], [0]], // two biases for one filter
      [[image, [[1, 2]]], [[[1]]], [0], 1, [[1], [1], [1], [1]], [0]], // images of different shapes
    ];
    for (const args of bad) expect(() => convClassifier(...args)).toThrow(KernelInputError);
  });
});
