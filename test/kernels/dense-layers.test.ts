import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { compareValues } from "../../src/kernels/compare.ts";
import { KernelInputError } from "../../src/kernels/types.ts";
import { finetuneHeadStepKernel } from "../../src/problems/finetune-head-step/kernel.ts";
import { linearBackward } from "../../src/problems/linear-backward/kernel.ts";
import { linearForward } from "../../src/problems/linear-forward/kernel.ts";
import { matmulNaive } from "../../src/problems/matmul/kernel.ts";
import { mlpForwardKernel } from "../../src/problems/mlp-forward/kernel.ts";
import { softmaxCrossEntropy } from "../../src/problems/softmax-cross-entropy/kernel.ts";
import { expectGradientMatches, flat, matrixArb, reshape, smallFloat } from "./helpers/finite-difference.ts";

const mlpForward = mlpForwardKernel.reference;
const finetuneHeadStep = finetuneHeadStepKernel.reference;
const close = { atol: 1e-10, rtol: 1e-10 };

/** A dense layer problem: X (batch×in), W (in×out), b (out), Y (batch×out). */
const layerArb = fc
  .record({
    batch: fc.integer({ min: 1, max: 5 }),
    inF: fc.integer({ min: 1, max: 5 }),
    outF: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ batch, inF, outF }) =>
    fc.record({
      X: matrixArb(batch, inF),
      W: matrixArb(inF, outF),
      b: fc.array(smallFloat(), { minLength: outF, maxLength: outF }),
      Y: matrixArb(batch, outF),
    }),
  );

/** A classification head problem: logits or features with integer targets. */
const headArb = fc
  .record({
    n: fc.integer({ min: 1, max: 5 }),
    dim: fc.integer({ min: 1, max: 4 }),
    classes: fc.integer({ min: 2, max: 5 }),
  })
  .chain(({ n, dim, classes }) =>
    fc.record({
      features: matrixArb(n, dim),
      targets: fc.array(fc.integer({ min: 0, max: classes - 1 }), { minLength: n, maxLength: n }),
      W: matrixArb(dim, classes, 1),
      b: fc.array(smallFloat(1), { minLength: classes, maxLength: classes }),
      lr: fc.constantFrom(0.01, 0.1, 1),
    }),
  );

function toFloat64(m: number[][]): Float64Array {
  return Float64Array.from(m.flat());
}

describe("linear_forward and mlp_forward", () => {
  it("linear_forward equals X·W from matmul plus the broadcast bias", () => {
    fc.assert(
      fc.property(layerArb, ({ X, W, b }) => {
        const product = matmulNaive(toFloat64(X), toFloat64(W), X.length, W.length, b.length);
        const expected = X.map((_, i) => b.map((bias, j) => product[i * b.length + j] + bias));
        expect(compareValues(linearForward(X, W, b), expected, close)).toEqual({ ok: true });
      }),
      { numRuns: 100 },
    );
  });

  it("mlp_forward with one layer is linear_forward (no ReLU on the output layer)", () => {
    fc.assert(
      fc.property(layerArb, ({ X, W, b }) => {
        expect(mlpForward(X, [W], [b])).toEqual(linearForward(X, W, b));
      }),
      { numRuns: 60 },
    );
  });

  it("mlp_forward applies ReLU between layers: composing layers by hand gives the same output", () => {
    fc.assert(
      fc.property(layerArb, matrixArb(1, 3), ({ X, W, b }, [w3]) => {
        const second = b.map(() => w3.slice());
        const hidden = linearForward(X, W, b).map((row) => row.map((v) => Math.max(0, v)));
        const expected = linearForward(hidden, second, [0.5, -0.5, 0]);
        expect(compareValues(mlpForward(X, [W, second], [b, [0.5, -0.5, 0]]), expected, close)).toEqual({ ok: true });
      }),
      { numRuns: 60 },
    );
  });

  it("rejects inconsistent layer shapes with the layer named", () => {
    expect(() => linearForward([[1, 2]], [[1], [2], [3]], [0])).toThrow(/W must have 2 rows/);
    expect(() => linearForward([[1, 2]], [[1], [2]], [0, 1])).toThrow(/b must have length 1/);
    expect(() => linearForward([[1, 2], [3]], [[1], [2]], [0])).toThrow(/X\[1\] must be a row of length 2/);
    expect(() => linearForward([], [[1]], [0])).toThrow(KernelInputError);
    expect(() => mlpForward([[1, 2]], [[[1], [2]], [[1, 2]]], [[0], [0]])).toThrow(/layer 1: b must have length 2/);
    expect(() => mlpForward([[1, 2]], [[[1], [2]]], [])).toThrow(/biases must have one entry per layer/);
    expect(() => mlpForward([[1, 2]], [], [])).toThrow(/at least one layer/);
  });
});

describe("linear-backward", () => {
  it("matches finite differences of the MSE loss for dW, db and dX", () => {
    fc.assert(
      fc.property(layerArb, ({ X, W, b, Y }) => {
        const { dW, db, dX } = linearBackward(X, W, b, Y);
        const inF = W.length;
        const outF = b.length;
        expectGradientMatches((w) => linearBackward(X, reshape(w, inF, outF), b, Y).loss, flat(W), flat(dW));
        expectGradientMatches((v) => linearBackward(X, W, v, Y).loss, b, db);
        expectGradientMatches((x) => linearBackward(reshape(x, X.length, inF), W, b, Y).loss, flat(X), flat(dX));
      }),
      { numRuns: 60 },
    );
  });

  it("gives zero loss and zero gradients for a perfect prediction", () => {
    fc.assert(
      fc.property(layerArb, ({ X, W, b }) => {
        const result = linearBackward(X, W, b, linearForward(X, W, b));
        expect(result.loss).toBe(0);
        for (const v of [...result.dW.flat(), ...result.db, ...result.dX.flat()]) expect(Math.abs(v)).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it("computes the worked example and rejects a Y of the wrong shape", () => {
    // P = [[0.1 + 1·0.5 − 2·0.5], [0.1 + 3·0.5 − 4·0.5]] = [[−0.4], [−0.4]]; residuals −0.4 and −1.4
    const result = linearBackward(
      [
        [1, 2],
        [3, 4],
      ],
      [[0.5], [-0.5]],
      [0.1],
      [[0], [1]],
    );
    expect(result.loss).toBeCloseTo((0.16 + 1.96) / 2, 12);
    expect(result.db[0]).toBeCloseTo(-0.4 - 1.4, 12);
    expect(result.dW[0][0]).toBeCloseTo(-0.4 * 1 - 1.4 * 3, 12);
    expect(result.dX[1][1]).toBeCloseTo(-1.4 * -0.5, 12);
    expect(() => linearBackward([[1, 2]], [[1], [2]], [0], [[1, 2]])).toThrow(/Y\[0\] must be a row of length 1/);
    expect(() => linearBackward([[1, 2]], [[1], [2]], [0], [[1], [2]])).toThrow(/Y must have 1 rows/);
  });
});

describe("softmax-cross-entropy", () => {
  it("matches finite differences of the mean loss", () => {
    fc.assert(
      fc.property(headArb, ({ features, targets }) => {
        // logits: the random features plus one constant column, so there are always at least two classes
        const logits = features.map((row) => [...row, 0.3]);
        const cols = logits[0].length;
        const wanted = targets.map((t) => t % cols);
        const { grad } = softmaxCrossEntropy(logits, wanted);
        expectGradientMatches(
          (z) => softmaxCrossEntropy(reshape(z, logits.length, cols), wanted).loss,
          flat(logits),
          flat(grad),
        );
      }),
      { numRuns: 80 },
    );
  });

  it("has gradient rows summing to zero and a loss of at least 0, and stays finite for huge logits", () => {
    fc.assert(
      fc.property(
        matrixArb(3, 4, 1000),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
        (logits, targets) => {
          const { loss, grad } = softmaxCrossEntropy(logits, targets);
          expect(Number.isFinite(loss)).toBe(true);
          expect(loss).toBeGreaterThanOrEqual(0);
          for (const row of grad) expect(Math.abs(row.reduce((a, v) => a + v, 0))).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 100 },
    );
    expect(softmaxCrossEntropy([[0, 0, 0, 0]], [2]).loss).toBeCloseTo(Math.log(4), 14);
    expect(softmaxCrossEntropy([[1000, 0]], [1]).loss).toBeCloseTo(1000, 9);
  });

  it("rejects targets that are not class indices", () => {
    expect(() => softmaxCrossEntropy([[1, 2]], [2])).toThrow(/targets\[0\] must be an integer class index in \[0, 2\)/);
    expect(() => softmaxCrossEntropy([[1, 2]], [0.5])).toThrow(KernelInputError);
    expect(() =>
      softmaxCrossEntropy(
        [
          [1, 2],
          [3, 4],
        ],
        [0],
      ),
    ).toThrow(/array of 2 class indices/);
  });
});

describe("finetune-head-step", () => {
  it("reports the loss before the step and moves W and b by −lr times the finite-difference gradient", () => {
    fc.assert(
      fc.property(headArb, ({ features, targets, W, b, lr }) => {
        const step = finetuneHeadStep(features, targets, W, b, lr);
        const dim = W.length;
        const classes = b.length;
        const lossAt = (w: number[], bias: number[]) =>
          softmaxCrossEntropy(linearForward(features, reshape(w, dim, classes), bias), targets).loss;
        expect(step.loss).toBeCloseTo(lossAt(flat(W), b), 12);
        const gradW = flat(W).map((w, i) => (w - flat(step.W)[i]) / lr);
        const gradB = b.map((v, c) => (v - step.b[c]) / lr);
        expectGradientMatches((w) => lossAt(w, b), flat(W), gradW);
        expectGradientMatches((bias) => lossAt(flat(W), bias), b, gradB);
      }),
      { numRuns: 60 },
    );
  });

  it("lowers the loss for a small enough step and does not touch its inputs", () => {
    fc.assert(
      fc.property(headArb, ({ features, targets, W, b }) => {
        const before = structuredClone({ features, W, b });
        const step = finetuneHeadStep(features, targets, W, b, 1e-3);
        expect({ features, W, b }).toEqual(before);
        const after = finetuneHeadStep(features, targets, step.W, step.b, 0).loss;
        expect(after).toBeLessThanOrEqual(step.loss + 1e-15);
      }),
      { numRuns: 60 },
    );
  });

  it("rejects mismatched shapes and a negative learning rate", () => {
    expect(() => finetuneHeadStep([[1, 2]], [0], [[1, 2]], [0, 0], 0.1)).toThrow(/W must have 2 rows/);
    expect(() => finetuneHeadStep([[1]], [3], [[1, 2]], [0, 0], 0.1)).toThrow(/targets\[0\]/);
    expect(() => finetuneHeadStep([[1]], [0], [[1, 2]], [0, 0], -1)).toThrow(/lr must be ≥ 0/);
  });
});
