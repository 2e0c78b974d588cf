import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { generateTests } from "../../src/kernels/suite.ts";
import { KernelInputError } from "../../src/kernels/types.ts";
import { distillationLossKernel } from "../../src/problems/distillation-loss/kernel.ts";
import { magnitudePruneKernel } from "../../src/problems/magnitude-prune/kernel.ts";
import { quantizeInt8Kernel, unambiguousQuantization } from "../../src/problems/quantize-int8/kernel.ts";
import { TEST_HIDDEN_STATES } from "../helpers/hidden-tests.ts";

// A failing property reports within 20 s instead of shrinking for minutes; a busy machine runs fewer cases in
// that time instead of failing (a counterexample found still fails the test, a slow machine does not).
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false });

const quantizeInt8 = quantizeInt8Kernel.reference;
const magnitudePrune = magnitudePruneKernel.reference;
const distillationLoss = distillationLossKernel.reference;

describe("quantize-int8", () => {
  const valuesArb = fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 50 });
  const modeArb = fc.constantFrom("symmetric" as const, "affine" as const);

  it("dequantizes within scale/2 of the input, with levels in the int8 range", () => {
    fc.assert(
      fc.property(valuesArb, modeArb, (x, mode) => {
        const { q, scale, zeroPoint, dequantized } = quantizeInt8(x, mode);
        const [qMin, qMax] = mode === "symmetric" ? [-127, 127] : [-128, 127];
        expect(scale).toBeGreaterThan(0);
        expect(Number.isInteger(zeroPoint) && zeroPoint >= -128 && zeroPoint <= 127).toBe(true);
        q.forEach((level, i) => {
          expect(Number.isInteger(level) && level >= qMin && level <= qMax).toBe(true);
          expect(dequantized[i]).toBe((level - zeroPoint) * scale);
          expect(Math.abs(dequantized[i] - x[i])).toBeLessThanOrEqual((scale / 2) * (1 + 1e-9) + 1e-12);
        });
      }),
      { numRuns: 400 },
    );
  });

  it("represents zero exactly and maps the extremes to the ends of the range", () => {
    fc.assert(
      fc.property(valuesArb, modeArb, (values, mode) => {
        const x = [...values, 0];
        const { q, zeroPoint, dequantized } = quantizeInt8(x, mode);
        expect(q[x.length - 1]).toBe(zeroPoint);
        expect(dequantized[x.length - 1]).toBe(0);
        const maxAbs = Math.max(...x.map(Math.abs));
        if (mode === "symmetric" && maxAbs / 127 >= 2 ** -1022) {
          const extreme = x.findIndex((v) => Math.abs(v) === maxAbs);
          expect(Math.abs(q[extreme])).toBe(127);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("computes the worked examples, including the all-zero and all-positive cases", () => {
    expect(quantizeInt8([0.5, -1.27, 0.3, 1.0], "symmetric")).toMatchObject({
      q: [50, -127, 30, 100],
      scale: 0.01,
      zeroPoint: 0,
    });
    expect(quantizeInt8([0, 0.7, 2.55, 1.1], "affine")).toMatchObject({ q: [-128, -58, 127, -18], zeroPoint: -128 });
    expect(quantizeInt8([0, 0, 0], "symmetric")).toEqual({
      q: [0, 0, 0],
      scale: 1,
      zeroPoint: 0,
      dequantized: [0, 0, 0],
    });
    expect(quantizeInt8([0, 0], "affine")).toEqual({ q: [0, 0], scale: 1, zeroPoint: 0, dequantized: [0, 0] });
    // A subnormal range would give a scale that underflows: it is treated like all zeros.
    expect(quantizeInt8([5e-324, -5e-324], "affine")).toMatchObject({ q: [0, 0], scale: 1, zeroPoint: 0 });
    expect(() => quantizeInt8([-1e308, 1e308], "affine")).toThrow(/overflows/);
  });

  it("generates only tests where no rounding sits on a .5 boundary", () => {
    for (let seed = 1; seed <= 50; seed++) {
      for (const test of generateTests(quantizeInt8Kernel, seed, quantizeInt8Kernel.testCounts, TEST_HIDDEN_STATES)) {
        const [x, mode] = test.args as [number[], "symmetric" | "affine"];
        expect(unambiguousQuantization(x, mode)).toBe(true);
      }
    }
  });

  it("rejects empty input, non-finite values and unknown modes", () => {
    expect(() => quantizeInt8([], "symmetric")).toThrow(/empty/);
    expect(() => quantizeInt8([Number.POSITIVE_INFINITY], "affine")).toThrow(KernelInputError);
    expect(() => quantizeInt8([1], "asymmetric" as "affine")).toThrow(/mode/);
  });
});

describe("magnitude-prune", () => {
  const weightsArb = fc.array(
    fc.integer({ min: -6, max: 6 }).map((v) => v / 4),
    { maxLength: 60 },
  );
  const sparsityArb = fc.integer({ min: 0, max: 8 }).map((v) => v / 8);

  it("prunes exactly ⌊sparsity·n⌋ weights, none larger in magnitude than any kept weight", () => {
    fc.assert(
      fc.property(weightsArb, sparsityArb, (weights, sparsity) => {
        const { pruned, mask } = magnitudePrune(weights, sparsity);
        const removed = mask.filter((m) => m === 0).length;
        expect(removed).toBe(Math.floor(sparsity * weights.length));
        expect(mask.every((m) => m === 0 || m === 1)).toBe(true);
        const keptMagnitudes = weights.filter((_, i) => mask[i] === 1).map(Math.abs);
        const prunedMagnitudes = weights.filter((_, i) => mask[i] === 0).map(Math.abs);
        if (keptMagnitudes.length > 0 && prunedMagnitudes.length > 0) {
          expect(Math.max(...prunedMagnitudes)).toBeLessThanOrEqual(Math.min(...keptMagnitudes));
        }
        pruned.forEach((value, i) => {
          expect(value).toBe(mask[i] === 1 ? weights[i] : 0);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("prunes a superset as sparsity grows, lower indices first among equal magnitudes", () => {
    fc.assert(
      fc.property(weightsArb, sparsityArb, sparsityArb, (weights, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lighter = magnitudePrune(weights, low).mask;
        const heavier = magnitudePrune(weights, high).mask;
        lighter.forEach((kept, i) => {
          if (kept === 0) expect(heavier[i]).toBe(0);
        });
      }),
      { numRuns: 200 },
    );
    expect(magnitudePrune([0.4, -0.4, 0.4, -0.4], 0.75).mask).toEqual([0, 0, 0, 1]);
  });

  it("computes the worked example and rejects bad sparsity", () => {
    expect(magnitudePrune([0.5, -0.1, 0.3, -0.9], 0.5)).toEqual({ pruned: [0.5, 0, 0, -0.9], mask: [1, 0, 0, 1] });
    expect(magnitudePrune([], 0.5)).toEqual({ pruned: [], mask: [] });
    expect(() => magnitudePrune([1], 1.5)).toThrow(/sparsity/);
    expect(() => magnitudePrune([1], Number.NaN)).toThrow(KernelInputError);
  });
});

describe("distillation-loss", () => {
  const batchArb = fc
    .record({ n: fc.integer({ min: 1, max: 5 }), classes: fc.integer({ min: 2, max: 6 }) })
    .chain(({ n, classes }) => {
      const row = fc.array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: classes, maxLength: classes });
      return fc.record({
        student: fc.array(row, { minLength: n, maxLength: n }),
        teacher: fc.array(row, { minLength: n, maxLength: n }),
        labels: fc.array(fc.integer({ min: 0, max: classes - 1 }), { minLength: n, maxLength: n }),
        temperature: fc.double({ min: 0.5, max: 10, noNaN: true }),
        alpha: fc.double({ min: 0, max: 1, noNaN: true }),
      });
    });

  /** Direct probabilities, no log-sum-exp: fine for the moderate logits generated here. */
  function naiveDistillation(student: number[][], teacher: number[][], labels: number[], T: number, alpha: number) {
    const softmax = (z: number[]) => {
      const e = z.map(Math.exp);
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    };
    let kl = 0;
    let ce = 0;
    student.forEach((row, i) => {
      const p = softmax(teacher[i].map((v) => v / T));
      const q = softmax(row.map((v) => v / T));
      for (const [c, pc] of p.entries()) kl += pc * Math.log(pc / q[c]);
      ce -= Math.log(softmax(row)[labels[i]]);
    });
    const soft = (T * T * kl) / student.length;
    const hard = ce / student.length;
    return { loss: alpha * soft + (1 - alpha) * hard, softLoss: soft, hardLoss: hard };
  }

  it("agrees with a direct computation from probabilities", () => {
    fc.assert(
      fc.property(batchArb, ({ student, teacher, labels, temperature, alpha }) => {
        const got = distillationLoss(student, teacher, labels, temperature, alpha);
        const want = naiveDistillation(student, teacher, labels, temperature, alpha);
        for (const key of ["loss", "softLoss", "hardLoss"] as const) {
          expect(Math.abs(got[key] - want[key])).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(want[key])));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("has a non-negative soft loss that vanishes for identical logits and ignores per-row shifts", () => {
    fc.assert(
      fc.property(
        batchArb,
        fc.double({ min: -50, max: 50, noNaN: true }),
        ({ student, teacher, labels, temperature, alpha }, shift) => {
          const base = distillationLoss(student, teacher, labels, temperature, alpha);
          expect(base.softLoss).toBeGreaterThanOrEqual(-1e-12);
          expect(distillationLoss(student, student, labels, temperature, alpha).softLoss).toBeCloseTo(0, 10);
          const shifted = distillationLoss(
            student.map((row) => row.map((v) => v + shift)),
            teacher.map((row) => row.map((v) => v - shift)),
            labels,
            temperature,
            alpha,
          );
          expect(shifted.loss).toBeCloseTo(base.loss, 7);
          expect(distillationLoss(student, teacher, labels, temperature, 1).loss).toBe(base.softLoss);
          expect(distillationLoss(student, teacher, labels, temperature, 0).loss).toBe(base.hardLoss);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("stays finite for huge logits and rejects bad parameters", () => {
    const huge = distillationLoss([[500, -500, 0]], [[-600, 600, 0]], [1], 1, 0.5);
    expect(huge.softLoss).toBeCloseTo(1000, 9);
    expect(huge.hardLoss).toBeCloseTo(1000, 9);
    expect(() => distillationLoss([[1, 2]], [[1, 2, 3]], [0], 1, 0.5)).toThrow(/classes/);
    expect(() => distillationLoss([[1, 2]], [[1, 2]], [2], 1, 0.5)).toThrow(/labels\[0\]/);
    expect(() => distillationLoss([[1, 2]], [[1, 2]], [0], 0, 0.5)).toThrow(/temperature/);
    expect(() => distillationLoss([[1, 2]], [[1, 2]], [0], 1, 1.5)).toThrow(/alpha/);
    expect(() =>
      distillationLoss(
        [[1, 2]],
        [
          [1, 2],
          [3, 4],
        ],
        [0],
        1,
        0.5,
      ),
    ).toThrow(KernelInputError);
  });
});
