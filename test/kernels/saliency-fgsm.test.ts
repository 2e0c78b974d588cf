import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { KernelInputError } from "../../src/kernels/types.ts";
import { fgsm } from "../../src/problems/fgsm/kernel.ts";
import { saliency } from "../../src/problems/saliency/kernel.ts";
import { centralDifference, expectGradientMatches, matrixArb, smallFloat } from "./helpers/finite-difference.ts";

const vectorArb = (length: number, range = 2) => fc.array(smallFloat(range), { minLength: length, maxLength: length });

describe("saliency", () => {
  const modelArb = fc
    .record({ d: fc.integer({ min: 1, max: 8 }), h: fc.integer({ min: 1, max: 6 }) })
    .chain(({ d, h }) => fc.tuple(vectorArb(d), matrixArb(h, d), vectorArb(h), vectorArb(h), smallFloat()));

  it("its gradient matches finite differences of the score, and saliency is gradient × input", () => {
    fc.assert(
      fc.property(modelArb, ([x, W1, b1, w2, b2]) => {
        const result = saliency(x, W1, b1, w2, b2);
        expectGradientMatches((v) => saliency(v, W1, b1, w2, b2).score, x, result.gradient);
        for (const [d, s] of result.saliency.entries()) expect(s).toBe(result.gradient[d] * x[d]);
      }),
      { numRuns: 100 },
    );
  });

  it("scores the worked example and rejects inconsistent shapes", () => {
    const result = saliency(
      [1, -2],
      [
        [0.5, 0],
        [0, 0.25],
      ],
      [0, 0],
      [1, -1],
      0,
    );
    expect(result.score).toBeCloseTo(Math.tanh(0.5) - Math.tanh(-0.5), 14);
    expect(result.gradient[0]).toBeCloseTo(0.5 * (1 - Math.tanh(0.5) ** 2), 14);
    expect(result.saliency[1]).toBeCloseTo(-2 * -0.25 * (1 - Math.tanh(-0.5) ** 2), 14);
    expect(() => saliency([1, 2], [[1]], [0], [1], 0)).toThrow(/W1\[0\] must be a row of length 2/);
    expect(() => saliency([1], [[1]], [0, 0], [1], 0)).toThrow(/b1 must have length 1/);
    expect(() => saliency([], [[1]], [0], [1], 0)).toThrow(KernelInputError);
  });
});

describe("fgsm", () => {
  const attackArb = fc.integer({ min: 1, max: 10 }).chain((d) =>
    fc.tuple(
      vectorArb(d, 1).map((x) => x.map((v) => (v + 1) / 2)),
      vectorArb(d, 1),
      smallFloat(0.5),
      fc.constantFrom(0, 1),
      fc.constantFrom(0, 0.01, 0.1, 0.3),
    ),
  );

  it("its gradient matches finite differences of the cross-entropy loss, and every step has the gradient's sign", () => {
    fc.assert(
      fc.property(attackArb, ([x, w, b, label, epsilon]) => {
        const { gradient, adversarial } = fgsm(x, w, b, label, epsilon, -10, 10);
        const loss = (v: number[]) => fgsm(v, w, b, label, 0, -10, 10).loss;
        expectGradientMatches(loss, x, gradient);
        x.forEach((xj, j) => {
          const numericSign = Math.sign(centralDifference(loss, x, j));
          if (Math.abs(gradient[j]) > 1e-6) expect(Math.sign(gradient[j])).toBe(numericSign);
          expect(adversarial[j]).toBeCloseTo(xj + epsilon * Math.sign(gradient[j]), 14);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("stays within epsilon of the input and inside the clip range, and never lowers the loss", () => {
    fc.assert(
      fc.property(attackArb, ([x, w, b, label, epsilon]) => {
        const { loss, adversarial } = fgsm(x, w, b, label, epsilon, 0, 1);
        adversarial.forEach((a, j) => {
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(1);
          expect(Math.abs(a - x[j])).toBeLessThanOrEqual(epsilon + 1e-15);
        });
        // the loss is monotone along the sign direction for a linear logit, clipping only shortens the step
        expect(fgsm(adversarial, w, b, label, 0, 0, 1).loss).toBeGreaterThanOrEqual(loss - 1e-12);
      }),
      { numRuns: 150 },
    );
  });

  it("is stable for saturated logits and rejects bad parameters", () => {
    const confident = fgsm([1], [800], 0, 0, 0.1, 0, 1);
    expect(confident.loss).toBeCloseTo(800, 9);
    expect(confident.gradient[0]).toBe(800);
    expect(fgsm([0.5, 0.5], [0, 1], 0, 1, 0.2, 0, 1).adversarial[0]).toBe(0.5);
    expect(() => fgsm([1], [1], 0, 2, 0.1, 0, 1)).toThrow(/label must be 0 or 1/);
    expect(() => fgsm([1], [1], 0, 1, -0.1, 0, 1)).toThrow(/epsilon must be ≥ 0/);
    expect(() => fgsm([1], [1], 0, 1, 0.1, 1, 0)).toThrow(/clipMin \(1\) must not exceed clipMax \(0\)/);
    expect(() => fgsm([1, 2], [1], 0, 1, 0.1, 0, 1)).toThrow(/w must have length 2/);
  });
});
