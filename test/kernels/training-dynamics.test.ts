import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { KernelInputError } from "../../src/kernels/types.ts";
import { earlyStoppingKernel } from "../../src/problems/early-stopping/kernel.ts";
import { l2RegularizedGradKernel } from "../../src/problems/l2-regularized-grad/kernel.ts";
import { type LrScheduleConfig, lrScheduleKernel } from "../../src/problems/lr-schedule/kernel.ts";

// A failing property reports within 20 s instead of shrinking for minutes; a busy machine runs fewer cases in
// that time instead of failing (a counterexample found still fails the test, a slow machine does not).
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false });

const earlyStopping = earlyStoppingKernel.reference;
const l2RegularizedGrad = l2RegularizedGradKernel.reference;
const lrSchedule = lrScheduleKernel.reference;

describe("early-stopping", () => {
  const lossesArb = fc.array(
    fc.integer({ min: 0, max: 20 }).map((v) => v / 10),
    { minLength: 1, maxLength: 40 },
  );
  const deltaArb = fc.constantFrom(0, 0.05, 0.1, 0.3);

  it("stops exactly `patience` epochs after the best epoch, with no real improvement in between", () => {
    fc.assert(
      fc.property(lossesArb, fc.integer({ min: 1, max: 6 }), deltaArb, (losses, patience, minDelta) => {
        const { stopped, stopEpoch, bestEpoch, bestLoss } = earlyStopping(losses, patience, minDelta);
        expect(bestLoss).toBe(losses[bestEpoch]);
        expect(bestEpoch).toBeLessThanOrEqual(stopEpoch);
        for (let e = bestEpoch + 1; e <= stopEpoch; e++) expect(losses[e]).toBeGreaterThanOrEqual(bestLoss - minDelta);
        if (stopped) expect(stopEpoch - bestEpoch).toBe(patience);
        else {
          expect(stopEpoch).toBe(losses.length - 1);
          expect(stopEpoch - bestEpoch).toBeLessThan(patience);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("with minDelta 0, picks the first minimum of the epochs it trained", () => {
    fc.assert(
      fc.property(lossesArb, fc.integer({ min: 1, max: 6 }), (losses, patience) => {
        const { stopEpoch, bestEpoch } = earlyStopping(losses, patience, 0);
        const trained = losses.slice(0, stopEpoch + 1);
        expect(bestEpoch).toBe(trained.indexOf(Math.min(...trained)));
      }),
      { numRuns: 200 },
    );
  });

  it("handles the worked example and rejects bad parameters", () => {
    expect(earlyStopping([1.0, 0.8, 0.7, 0.72, 0.71, 0.75, 0.69], 2, 0)).toEqual({
      stopped: true,
      stopEpoch: 4,
      bestEpoch: 2,
      bestLoss: 0.7,
    });
    // 0.849 and 0.848 improve by less than minDelta, so they count as waiting.
    expect(earlyStopping([0.9, 0.85, 0.849, 0.848, 0.7], 2, 0.01)).toMatchObject({ stopEpoch: 3, bestEpoch: 1 });
    expect(() => earlyStopping([], 2, 0)).toThrow(KernelInputError);
    expect(() => earlyStopping([1], 0, 0)).toThrow(/patience/);
    expect(() => earlyStopping([1], 1, -0.1)).toThrow(/minDelta/);
    expect(() => earlyStopping([1, Number.POSITIVE_INFINITY], 1, 0)).toThrow(KernelInputError);
  });
});

describe("l2-regularized-grad", () => {
  const problemArb = fc
    .record({ n: fc.integer({ min: 1, max: 8 }), d: fc.integer({ min: 1, max: 5 }) })
    .chain(({ n, d }) => {
      const value = fc.double({ min: -3, max: 3, noNaN: true });
      return fc.record({
        X: fc.array(fc.array(value, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
        y: fc.array(value, { minLength: n, maxLength: n }),
        w: fc.array(value, { minLength: d, maxLength: d }),
        b: value,
        lambda: fc.double({ min: 0, max: 5, noNaN: true }),
      });
    });

  it("matches central finite differences of its own loss", () => {
    fc.assert(
      fc.property(problemArb, ({ X, y, w, b, lambda }) => {
        const { gradW, gradB } = l2RegularizedGrad(X, y, w, b, lambda);
        const h = 1e-5;
        const lossAt = (weights: number[], bias: number) => l2RegularizedGrad(X, y, weights, bias, lambda).loss;
        w.forEach((_, j) => {
          const plus = w.map((v, k) => (k === j ? v + h : v));
          const minus = w.map((v, k) => (k === j ? v - h : v));
          const numeric = (lossAt(plus, b) - lossAt(minus, b)) / (2 * h);
          expect(Math.abs(numeric - gradW[j])).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(numeric)));
        });
        const numericB = (lossAt(w, b + h) - lossAt(w, b - h)) / (2 * h);
        expect(Math.abs(numericB - gradB)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(numericB)));
      }),
      { numRuns: 150 },
    );
  });

  it("adds exactly λw to the gradient and (λ/2)‖w‖² to the loss, and never regularises the bias", () => {
    fc.assert(
      fc.property(problemArb, ({ X, y, w, b, lambda }) => {
        const plain = l2RegularizedGrad(X, y, w, b, 0);
        const ridge = l2RegularizedGrad(X, y, w, b, lambda);
        const norm = w.reduce((s, v) => s + v * v, 0);
        expect(ridge.loss).toBeCloseTo(plain.loss + (lambda / 2) * norm, 9);
        ridge.gradW.forEach((g, j) => {
          expect(g).toBeCloseTo(plain.gradW[j] + lambda * w[j], 9);
        });
        expect(ridge.gradB).toBe(plain.gradB);
      }),
      { numRuns: 150 },
    );
  });

  it("computes the worked example and rejects inconsistent shapes", () => {
    // Residuals x·w + b − y are −1.4, −2.4, −3.4.
    const result = l2RegularizedGrad(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [1, 2, 3],
      [0.5, -0.5],
      0.1,
      0.1,
    );
    expect(result.loss).toBeCloseTo((1.96 + 5.76 + 11.56) / 6 + 0.025, 12);
    expect(result.gradW[0]).toBeCloseTo((-1.4 * 1 - 2.4 * 3 - 3.4 * 5) / 3 + 0.05, 12);
    expect(result.gradW[1]).toBeCloseTo((-1.4 * 2 - 2.4 * 4 - 3.4 * 6) / 3 - 0.05, 12);
    expect(result.gradB).toBeCloseTo(-2.4, 12);
    expect(() => l2RegularizedGrad([[1, 2]], [1], [1], 0, 0)).toThrow(/w has length 1/);
    expect(() => l2RegularizedGrad([[1]], [1, 2], [1], 0, 0)).toThrow(KernelInputError);
    expect(() => l2RegularizedGrad([[1]], [1], [1], 0, -1)).toThrow(/lambda/);
    expect(() => l2RegularizedGrad([], [], [1], 0, 0)).toThrow(KernelInputError);
  });
});

describe("lr-schedule", () => {
  const configArb: fc.Arbitrary<LrScheduleConfig> = fc.oneof(
    fc.record({
      kind: fc.constant("constant" as const),
      baseLr: fc.double({ min: 1e-4, max: 1, noNaN: true }),
      warmupSteps: fc.integer({ min: 0, max: 10 }),
    }),
    fc.record({
      kind: fc.constant("step" as const),
      baseLr: fc.double({ min: 1e-4, max: 1, noNaN: true }),
      warmupSteps: fc.integer({ min: 0, max: 10 }),
      stepSize: fc.integer({ min: 1, max: 10 }),
      gamma: fc.double({ min: 0.01, max: 1, noNaN: true }),
    }),
    fc
      .record({
        baseLr: fc.double({ min: 1e-4, max: 1, noNaN: true }),
        warmupSteps: fc.integer({ min: 0, max: 10 }),
        decay: fc.integer({ min: 1, max: 30 }),
        minFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ baseLr, warmupSteps, decay, minFraction }) => ({
        kind: "cosine" as const,
        baseLr,
        warmupSteps,
        totalSteps: warmupSteps + decay,
        minLr: baseLr * minFraction,
      })),
  );

  it("warms up linearly to baseLr, then never rises (gamma ≤ 1) and stays within [minLr, baseLr]", () => {
    fc.assert(
      fc.property(configArb, fc.integer({ min: 0, max: 60 }), (config, numSteps) => {
        const rates = lrSchedule(config, numSteps);
        expect(rates.length).toBe(numSteps);
        const floor = config.kind === "cosine" ? config.minLr : 0;
        rates.forEach((rate, t) => {
          expect(rate).toBeLessThanOrEqual(config.baseLr * (1 + 1e-12));
          if (t >= config.warmupSteps) expect(rate).toBeGreaterThanOrEqual(floor * (1 - 1e-12));
          if (t < config.warmupSteps) expect(rate).toBeCloseTo((config.baseLr * (t + 1)) / config.warmupSteps, 12);
          if (t === config.warmupSteps) expect(rate).toBeCloseTo(config.baseLr, 12);
          if (t > config.warmupSteps) expect(rate).toBeLessThanOrEqual(rates[t - 1] * (1 + 1e-12));
          if (config.kind === "cosine" && t >= config.totalSteps) expect(rate).toBe(config.minLr);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("is a pure function of the step: a longer run extends a shorter one", () => {
    fc.assert(
      fc.property(configArb, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (config, a, extra) => {
        expect(lrSchedule(config, a + extra).slice(0, a)).toEqual(lrSchedule(config, a));
      }),
      { numRuns: 100 },
    );
  });

  it("computes the worked examples", () => {
    const step = lrSchedule({ kind: "step", baseLr: 0.1, warmupSteps: 2, stepSize: 3, gamma: 0.5 }, 10);
    const stepWant = [0.05, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025];
    for (const [t, want] of stepWant.entries()) expect(step[t]).toBeCloseTo(want, 15);
    const cosine = lrSchedule({ kind: "cosine", baseLr: 1, warmupSteps: 0, totalSteps: 4, minLr: 0 }, 6);
    const cosineWant = [1, (1 + Math.SQRT1_2) / 2, 0.5, (1 - Math.SQRT1_2) / 2, 0, 0];
    for (const [t, want] of cosineWant.entries()) expect(cosine[t]).toBeCloseTo(want, 15);
  });

  it("rejects ill-defined parameters", () => {
    expect(() => lrSchedule({ kind: "constant", baseLr: 0, warmupSteps: 0 }, 3)).toThrow(/baseLr/);
    expect(() => lrSchedule({ kind: "step", baseLr: 1, warmupSteps: 0, stepSize: 0, gamma: 0.5 }, 3)).toThrow(
      /stepSize/,
    );
    expect(() => lrSchedule({ kind: "step", baseLr: 1, warmupSteps: 0, stepSize: 1, gamma: -1 }, 3)).toThrow(/gamma/);
    expect(() => lrSchedule({ kind: "cosine", baseLr: 1, warmupSteps: 5, totalSteps: 5, minLr: 0 }, 3)).toThrow(
      /totalSteps/,
    );
    expect(() => lrSchedule({ kind: "cosine", baseLr: 1, warmupSteps: 0, totalSteps: 5, minLr: 2 }, 3)).toThrow(
      /minLr/,
    );
    expect(() => lrSchedule({ kind: "constant", baseLr: 1, warmupSteps: -1 }, 3)).toThrow(/warmupSteps/);
    expect(() => lrSchedule({ kind: "constant", baseLr: 1, warmupSteps: 0 }, 1.5)).toThrow(/numSteps/);
    expect(() => lrSchedule({ kind: "linear", baseLr: 1, warmupSteps: 0 } as unknown as LrScheduleConfig, 3)).toThrow(
      KernelInputError,
    );
  });
});
