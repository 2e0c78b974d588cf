import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { KernelInputError } from "../../src/kernels/types.ts";
import { dpClipAndNoiseKernel } from "../../src/problems/dp-clip-and-noise/kernel.ts";
import { dynamicBatchingKernel } from "../../src/problems/dynamic-batching/kernel.ts";
import { erfc, twoProportionZtestKernel } from "../../src/problems/two-proportion-ztest/kernel.ts";

// A failing property reports within 20 s instead of shrinking for minutes; a busy machine runs fewer cases in
// that time instead of failing (a counterexample found still fails the test, a slow machine does not).
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false });

const dpClipAndNoise = dpClipAndNoiseKernel.reference;
const dynamicBatching = dynamicBatchingKernel.reference;
const twoProportionZTest = twoProportionZtestKernel.reference;

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe("dp-clip-and-noise", () => {
  const batchArb = fc
    .record({ batch: fc.integer({ min: 1, max: 8 }), dims: fc.integer({ min: 1, max: 6 }) })
    .chain(({ batch, dims }) =>
      fc.record({
        grads: fc.array(
          fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: dims, maxLength: dims }),
          {
            minLength: batch,
            maxLength: batch,
          },
        ),
        noise: fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: dims, maxLength: dims }),
        clipNorm: fc.double({ min: 0.01, max: 50, noNaN: true }),
        sigma: fc.double({ min: 0, max: 5, noNaN: true }),
      }),
    );

  it("clips every gradient to norm ≤ C along its own direction and leaves small ones untouched", () => {
    fc.assert(
      fc.property(batchArb, ({ grads, noise, clipNorm, sigma }) => {
        const { clippedGrads } = dpClipAndNoise(grads, clipNorm, sigma, noise);
        clippedGrads.forEach((clipped, i) => {
          const original = norm(grads[i]);
          expect(norm(clipped)).toBeLessThanOrEqual(clipNorm * (1 + 1e-12));
          const factor = original > clipNorm ? clipNorm / original : 1;
          clipped.forEach((v, j) => {
            expect(v).toBeCloseTo(grads[i][j] * factor, 10);
          });
          if (original <= clipNorm) expect(clipped).toEqual(grads[i]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("averages the clipped sum plus σ·C·noise over the batch (linear in the noise)", () => {
    fc.assert(
      fc.property(batchArb, ({ grads, noise, clipNorm, sigma }) => {
        const { clippedGrads, noisyGradient } = dpClipAndNoise(grads, clipNorm, sigma, noise);
        const silent = dpClipAndNoise(grads, clipNorm, 0, noise).noisyGradient;
        noisyGradient.forEach((v, j) => {
          const mean = clippedGrads.reduce((s, g) => s + g[j], 0) / grads.length;
          expect(silent[j]).toBeCloseTo(mean, 10);
          expect(v - silent[j]).toBeCloseTo((sigma * clipNorm * noise[j]) / grads.length, 10);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("computes the worked example, survives huge gradients and rejects bad parameters", () => {
    const { clippedGrads, noisyGradient } = dpClipAndNoise(
      [
        [3, 4],
        [0.3, 0.4],
      ],
      1,
      0.5,
      [0.2, -1],
    );
    expect(clippedGrads[0][0]).toBeCloseTo(0.6, 15);
    expect(clippedGrads[0][1]).toBeCloseTo(0.8, 15);
    expect(clippedGrads[1]).toEqual([0.3, 0.4]);
    expect(noisyGradient[0]).toBeCloseTo((0.6 + 0.3 + 0.1) / 2, 15);
    expect(noisyGradient[1]).toBeCloseTo((0.8 + 0.4 - 0.5) / 2, 15);
    const huge = dpClipAndNoise([[1e200, -1e200]], 2, 0, [0, 0]).clippedGrads[0];
    expect(huge[0]).toBeCloseTo(Math.SQRT2, 12);
    expect(huge[1]).toBeCloseTo(-Math.SQRT2, 12);
    expect(dpClipAndNoise([[0, 0]], 1, 0, [0, 0]).clippedGrads).toEqual([[0, 0]]);
    expect(() => dpClipAndNoise([[1]], 0, 1, [0])).toThrow(/clipNorm/);
    expect(() => dpClipAndNoise([[1]], 1, -1, [0])).toThrow(/noiseMultiplier/);
    expect(() => dpClipAndNoise([[1, 2]], 1, 1, [0])).toThrow(/noise has length 1/);
    expect(() => dpClipAndNoise([], 1, 1, [0])).toThrow(KernelInputError);
  });
});

describe("dynamic-batching", () => {
  const trafficArb = fc.record({
    gaps: fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 80 }),
    maxBatchSize: fc.integer({ min: 1, max: 10 }),
    maxWaitMs: fc.integer({ min: 0, max: 15 }),
  });
  const arrivalsOf = (gaps: number[]) => {
    let t = 0;
    return gaps.map((gap) => (t += gap));
  };

  it("dispatches every request once, in order, never over max batch size or max wait", () => {
    fc.assert(
      fc.property(trafficArb, ({ gaps, maxBatchSize, maxWaitMs }) => {
        const arrivals = arrivalsOf(gaps);
        const batches = dynamicBatching(arrivals, maxBatchSize, maxWaitMs);
        expect(batches.flatMap((b) => b.requests)).toEqual(arrivals.map((_, i) => i));
        for (const { requests, dispatchTime } of batches) {
          expect(requests.length).toBeGreaterThan(0);
          expect(requests.length).toBeLessThanOrEqual(maxBatchSize);
          const opened = arrivals[requests[0]];
          for (const r of requests) expect(arrivals[r]).toBeLessThanOrEqual(dispatchTime);
          expect(dispatchTime - opened).toBeLessThanOrEqual(maxWaitMs);
          // A batch that is not full waits for its whole window.
          if (requests.length < maxBatchSize) expect(dispatchTime).toBe(opened + maxWaitMs);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is greedy: the next batch's first request could not have joined the previous batch", () => {
    fc.assert(
      fc.property(trafficArb, ({ gaps, maxBatchSize, maxWaitMs }) => {
        const arrivals = arrivalsOf(gaps);
        const batches = dynamicBatching(arrivals, maxBatchSize, maxWaitMs);
        for (let b = 1; b < batches.length; b++) {
          const previous = batches[b - 1];
          const first = batches[b].requests[0];
          const full = previous.requests.length === maxBatchSize;
          expect(full || arrivals[first] > arrivals[previous.requests[0]] + maxWaitMs).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("computes the worked examples and rejects bad input", () => {
    expect(dynamicBatching([0, 1, 2, 10, 11, 30], 3, 5)).toEqual([
      { requests: [0, 1, 2], dispatchTime: 2 },
      { requests: [3, 4], dispatchTime: 15 },
      { requests: [5], dispatchTime: 35 },
    ]);
    expect(dynamicBatching([0, 10, 20, 30], 8, 10)).toEqual([
      { requests: [0, 1], dispatchTime: 10 },
      { requests: [2, 3], dispatchTime: 30 },
    ]);
    expect(dynamicBatching([], 4, 10)).toEqual([]);
    expect(() => dynamicBatching([2, 1], 4, 10)).toThrow(/non-decreasing/);
    expect(() => dynamicBatching([1], 0, 10)).toThrow(/maxBatchSize/);
    expect(() => dynamicBatching([1], 1, -1)).toThrow(/maxWaitMs/);
  });
});

describe("two-proportion-ztest", () => {
  it("computes erfc to about 1e-14 relative on both sides of the series / continued-fraction switch", () => {
    // Values from a reference libm erfc.
    const table: [number, number][] = [
      [0, 1],
      [0.1, 0.8875370839817152],
      [0.5, 0.4795001221869535],
      [0.99, 0.1614919304446302],
      [1.01, 0.1531895037717233],
      [1, 0.15729920705028513],
      [2, 0.004677734981047265],
      [2.4999, 0.0004071699003334514],
      [2.5, 0.0004069520174449589],
      [3, 2.2090496998585438e-5],
      [4, 1.541725790028002e-8],
      [5, 1.5374597944280351e-12],
      [8, 1.1224297172982928e-29],
      [10, 2.088487583762545e-45],
      [26, 5.663192408856143e-296],
    ];
    for (const [x, want] of table) expect(Math.abs(erfc(x) - want)).toBeLessThanOrEqual(2e-14 * want);
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 15);
  });

  const experimentArb = fc
    .record({ nc: fc.integer({ min: 1, max: 5000 }), nt: fc.integer({ min: 1, max: 5000 }) })
    .chain(({ nc, nt }) =>
      fc.record({
        nc: fc.constant(nc),
        nt: fc.constant(nt),
        xc: fc.integer({ min: 0, max: nc }),
        xt: fc.integer({ min: 0, max: nt }),
        alpha: fc.constantFrom(0.01, 0.05, 0.1),
      }),
    );

  it("gives a p-value in [0, 1], symmetric under swapping arms, with a decision that follows p and z", () => {
    fc.assert(
      fc.property(experimentArb, ({ nc, nt, xc, xt, alpha }) => {
        const result = twoProportionZTest(xc, nc, xt, nt, alpha);
        expect(result.pValue).toBeGreaterThanOrEqual(0);
        expect(result.pValue).toBeLessThanOrEqual(1);
        const swapped = twoProportionZTest(xt, nt, xc, nc, alpha);
        expect(swapped.z).toBeCloseTo(-result.z, 10);
        expect(swapped.pValue).toBeCloseTo(result.pValue, 12);
        const expected = result.pValue >= alpha ? "inconclusive" : result.z > 0 ? "promote" : "rollback";
        expect(result.decision).toBe(expected);
        if (result.decision !== "inconclusive") {
          expect(swapped.decision).toBe(result.decision === "promote" ? "rollback" : "promote");
        }
      }),
      { numRuns: 400 },
    );
  });

  it("computes the worked examples and the zero-variance rule", () => {
    const clear = twoProportionZTest(200, 1000, 250, 1000, 0.05);
    expect(clear.z).toBeCloseTo(2.677397763008329, 12);
    expect(clear.pValue).toBeCloseTo(0.007419649261025693, 14);
    expect(clear.decision).toBe("promote");
    const noisy = twoProportionZTest(50, 500, 45, 500, 0.05);
    expect(noisy.z).toBeCloseTo(-0.5392422499481173, 12);
    expect(noisy.pValue).toBeCloseTo(0.5897197110271788, 12);
    expect(noisy.decision).toBe("inconclusive");
    const regression = twoProportionZTest(900, 1000, 700, 1000, 0.01);
    expect(regression.decision).toBe("rollback");
    expect(Math.abs(regression.pValue - 5.089468973814165e-29)).toBeLessThanOrEqual(1e-40);
    expect(twoProportionZTest(0, 100, 0, 100, 0.05)).toEqual({ z: 0, pValue: 1, decision: "inconclusive" });
    expect(twoProportionZTest(30, 30, 10, 10, 0.05)).toEqual({ z: 0, pValue: 1, decision: "inconclusive" });
  });

  it("rejects impossible counts and alpha", () => {
    expect(() => twoProportionZTest(5, 4, 1, 4, 0.05)).toThrow(/controlSuccesses/);
    expect(() => twoProportionZTest(1, 0, 1, 4, 0.05)).toThrow(/controlTotal/);
    expect(() => twoProportionZTest(1, 4, 1.5, 4, 0.05)).toThrow(/treatmentSuccesses/);
    expect(() => twoProportionZTest(1, 4, 1, 4, 1)).toThrow(/alpha/);
    expect(() => twoProportionZTest(1, 4, 1, 4, 0)).toThrow(KernelInputError);
  });
});
