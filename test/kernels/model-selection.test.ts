import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { KernelInputError } from "../../src/kernels/types.ts";
import { kfoldIndicesKernel } from "../../src/problems/kfold-indices/kernel.ts";
import { successiveHalvingKernel } from "../../src/problems/successive-halving/kernel.ts";

// A failing property reports within 20 s instead of shrinking for minutes; a busy machine runs fewer cases in
// that time instead of failing (a counterexample found still fails the test, a slow machine does not).
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false });

const kfoldIndices = kfoldIndicesKernel.reference;
const successiveHalving = successiveHalvingKernel.reference;

describe("kfold-indices", () => {
  const splitArb = fc.integer({ min: 2, max: 60 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      k: fc.integer({ min: 2, max: n }),
      permutation: fc.option(fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }), { nil: null }),
    }),
  );

  it("partitions the indices: test folds are disjoint and cover 0..n−1, each train set is the complement", () => {
    fc.assert(
      fc.property(splitArb, ({ n, k, permutation }) => {
        const folds = kfoldIndices(n, k, permutation);
        expect(folds.length).toBe(k);
        const all = [...Array(n).keys()];
        expect(folds.flatMap((fold) => fold.test).sort((a, b) => a - b)).toEqual(all);
        for (const [f, fold] of folds.entries()) {
          expect([...fold.train, ...fold.test].sort((a, b) => a - b)).toEqual(all);
          expect(fold.test).toEqual([...fold.test].sort((a, b) => a - b));
          expect(fold.train).toEqual([...fold.train].sort((a, b) => a - b));
          expect(fold.test.length).toBe(Math.floor(n / k) + (f < n % k ? 1 : 0));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("takes consecutive slices of the given order as test folds", () => {
    fc.assert(
      fc.property(splitArb, ({ n, k, permutation }) => {
        const order = permutation ?? [...Array(n).keys()];
        let start = 0;
        for (const fold of kfoldIndices(n, k, permutation)) {
          const slice = order.slice(start, start + fold.test.length);
          expect(fold.test).toEqual(slice.sort((a, b) => a - b));
          start += fold.test.length;
        }
      }),
      { numRuns: 200 },
    );
  });

  it("computes the worked examples and rejects invalid splits", () => {
    expect(kfoldIndices(5, 2, null)).toEqual([
      { train: [3, 4], test: [0, 1, 2] },
      { train: [0, 1, 2], test: [3, 4] },
    ]);
    expect(kfoldIndices(6, 3, [4, 1, 5, 0, 2, 3])[1]).toEqual({ train: [1, 2, 3, 4], test: [0, 5] });
    expect(() => kfoldIndices(3, 4, null)).toThrow(/k must be an integer in \[2, 3\]/);
    expect(() => kfoldIndices(3, 1, null)).toThrow(KernelInputError);
    expect(() => kfoldIndices(3, 2, [0, 1])).toThrow(/permutation has length/);
    expect(() => kfoldIndices(3, 2, [0, 1, 1])).toThrow(/repeats 1/);
    expect(() => kfoldIndices(3, 2, [0, 1, 3])).toThrow(KernelInputError);
  });
});

describe("successive-halving", () => {
  const tableArb = fc
    .record({
      configs: fc.integer({ min: 1, max: 30 }),
      rungs: fc.integer({ min: 1, max: 5 }),
      eta: fc.integer({ min: 2, max: 4 }),
    })
    .chain(({ configs, rungs, eta }) =>
      fc.record({
        eta: fc.constant(eta),
        scores: fc.array(
          fc.array(
            fc.integer({ min: 0, max: 8 }).map((v) => v / 8),
            { minLength: rungs, maxLength: rungs },
          ),
          { minLength: configs, maxLength: configs },
        ),
      }),
    );

  it("promotes max(1, ⌊m/eta⌋) configurations, each at least as good as every one it beat", () => {
    fc.assert(
      fc.property(tableArb, ({ scores, eta }) => {
        const { rungs, winner } = successiveHalving(scores, eta);
        expect(rungs.length).toBe(scores[0].length);
        expect(rungs[0]).toEqual(scores.map((_, c) => c));
        for (let r = 1; r < rungs.length; r++) {
          const previous = rungs[r - 1];
          expect(rungs[r].length).toBe(Math.max(1, Math.floor(previous.length / eta)));
          const promoted = new Set(rungs[r]);
          for (const c of rungs[r]) expect(previous).toContain(c);
          for (const kept of rungs[r]) {
            for (const dropped of previous.filter((c) => !promoted.has(c))) {
              const better = scores[kept][r - 1] > scores[dropped][r - 1];
              const tieToLower = scores[kept][r - 1] === scores[dropped][r - 1] && kept < dropped;
              expect(better || tieToLower).toBe(true);
            }
          }
        }
        const last = rungs[rungs.length - 1];
        const lastRung = scores[0].length - 1;
        expect(last).toContain(winner);
        const best = Math.max(...last.map((c) => scores[c][lastRung]));
        expect(winner).toBe(last.find((c) => scores[c][lastRung] === best));
      }),
      { numRuns: 300 },
    );
  });

  it("computes the worked example and rejects bad tables", () => {
    const table = [
      [0.6, 0.7, 0.75],
      [0.5, 0.65, 0.8],
      [0.7, 0.72, 0.73],
      [0.4, 0.6, 0.9],
    ];
    // Rung 0 keeps configs 2 and 0; rung 1 keeps config 2 (0.72 > 0.7), which wins. Config 3 never gets its 0.9.
    expect(successiveHalving(table, 2)).toEqual({ rungs: [[0, 1, 2, 3], [0, 2], [2]], winner: 2 });
    expect(() => successiveHalving([], 2)).toThrow(KernelInputError);
    expect(() => successiveHalving([[1, 2], [3]], 2)).toThrow(/ragged/);
    expect(() => successiveHalving([[1]], 1)).toThrow(/eta/);
    expect(() => successiveHalving([[Number.NaN]], 2)).toThrow(KernelInputError);
  });
});
