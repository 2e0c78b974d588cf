import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { KernelInputError } from "../../src/kernels/types.ts";
import { classWeightsKernel } from "../../src/problems/class-weights/kernel.ts";
import { smoteKernel } from "../../src/problems/smote/kernel.ts";

// A failing property reports within 20 s instead of shrinking for minutes; a busy machine runs fewer cases in
// that time instead of failing (a counterexample found still fails the test, a slow machine does not).
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false });

const classWeights = classWeightsKernel.reference;
const smote = smoteKernel.reference;

describe("class-weights", () => {
  // Every class present at least once, then any extra labels.
  const labelsArb = fc.integer({ min: 1, max: 8 }).chain((numClasses) =>
    fc
      .array(fc.integer({ min: 0, max: numClasses - 1 }), { maxLength: 80 })
      .chain((extra) =>
        fc.shuffledSubarray([...Array(numClasses).keys(), ...extra], { minLength: numClasses + extra.length }),
      )
      .map((labels) => ({ numClasses, labels })),
  );

  it("gives every class the same total weight n/K, so weights · counts sum to n_samples", () => {
    fc.assert(
      fc.property(labelsArb, ({ numClasses, labels }) => {
        const weights = classWeights(labels, numClasses);
        const counts = weights.map((_, c) => labels.filter((label) => label === c).length);
        expect(weights.reduce((s, w, c) => s + w * counts[c], 0)).toBeCloseTo(labels.length, 9);
        weights.forEach((w, c) => {
          expect(w * counts[c]).toBeCloseTo(labels.length / numClasses, 9);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("weights rarer classes more, and gives balanced data weight 1", () => {
    expect(classWeights([0, 0, 0, 1], 2)).toEqual([4 / 6, 2]);
    expect(classWeights([1, 0, 2, 2, 0, 1], 3)).toEqual([1, 1, 1]);
    const skewed = classWeights(
      Array.from({ length: 100 }, (_, i) => (i < 99 ? 0 : 1)),
      2,
    );
    expect(skewed[1] / skewed[0]).toBeCloseTo(99, 12);
  });

  it("rejects a class without samples and out-of-range labels", () => {
    expect(() => classWeights([0, 0], 2)).toThrow(/class 1 has no samples/);
    expect(() => classWeights([0, 3], 2)).toThrow(KernelInputError);
    expect(() => classWeights([0], 0)).toThrow(/numClasses/);
  });
});

describe("smote", () => {
  const setArb = fc
    .record({ m: fc.integer({ min: 2, max: 12 }), d: fc.integer({ min: 1, max: 4 }) })
    .chain(({ m, d }) =>
      fc.record({
        // Integer coordinates make equal distances common, so the tie rule is exercised.
        samples: fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d }), {
          minLength: m,
          maxLength: m,
        }),
        k: fc.integer({ min: 1, max: m - 1 }),
      }),
    );

  const squaredDistance = (a: number[], b: number[]) => a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);

  /** Brute force: rank every other sample by (distance, index) and read off rank r. */
  function naiveNeighbour(samples: number[][], base: number, rank: number): number {
    const others = samples.map((_, i) => i).filter((i) => i !== base);
    others.sort((a, b) => {
      const da = squaredDistance(samples[a], samples[base]);
      const db = squaredDistance(samples[b], samples[base]);
      return da !== db ? da - db : a - b;
    });
    return others[rank];
  }

  it("interpolates between the base and its r-th nearest neighbour, ties to the lower index", () => {
    fc.assert(
      fc.property(setArb, fc.double({ min: 0, max: 1, noNaN: true }), ({ samples, k }, gap) => {
        const picks = samples.flatMap((_, base) =>
          Array.from({ length: k }, (_, neighbour) => ({ base, neighbour, gap })),
        );
        const synthetic = smote(samples, k, picks);
        picks.forEach((pick, p) => {
          const from = samples[pick.base];
          const to = samples[naiveNeighbour(samples, pick.base, pick.neighbour)];
          synthetic[p].forEach((v, j) => {
            expect(v).toBeCloseTo(from[j] + gap * (to[j] - from[j]), 12);
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it("lands on the base at gap 0 and on the neighbour at gap 1; neighbours get no closer as the rank grows", () => {
    fc.assert(
      fc.property(setArb, ({ samples, k }) => {
        for (let base = 0; base < samples.length; base++) {
          const ranks = Array.from({ length: k }, (_, neighbour) => ({ base, neighbour, gap: 1 }));
          const reached = smote(samples, k, ranks);
          const distances = reached.map((point) => squaredDistance(point, samples[base]));
          for (let r = 1; r < k; r++) expect(distances[r]).toBeGreaterThanOrEqual(distances[r - 1]);
          expect(smote(samples, k, [{ base, neighbour: 0, gap: 0 }])).toEqual([samples[base]]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("computes the worked example and rejects bad picks", () => {
    const samples = [
      [0, 0],
      [1, 0],
      [0, 2],
      [5, 5],
    ];
    const picks = [
      { base: 0, neighbour: 0, gap: 0.5 },
      { base: 0, neighbour: 1, gap: 0.25 },
      { base: 3, neighbour: 0, gap: 0.1 },
    ];
    expect(smote(samples, 2, picks)).toEqual([
      [0.5, 0],
      [0, 0.5],
      [4.5, 4.7],
    ]);
    expect(() => smote(samples, 4, [])).toThrow(/k must be an integer in \[1, 3\]/);
    expect(() => smote(samples, 2, [{ base: 4, neighbour: 0, gap: 0.5 }])).toThrow(/base/);
    expect(() => smote(samples, 2, [{ base: 0, neighbour: 2, gap: 0.5 }])).toThrow(/neighbour/);
    expect(() => smote(samples, 2, [{ base: 0, neighbour: 0, gap: 1.5 }])).toThrow(/gap/);
    expect(() => smote([[0, 0], [1]], 1, [])).toThrow(/ragged/);
  });
});
