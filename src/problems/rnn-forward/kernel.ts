import { matrix, requireFinite, requireVector } from "../../kernels/guards.ts";
import { round2, roundedMatrix, sigmoid } from "../../kernels/numeric.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";

type Args = [xs: number[][], Wx: number[][], Wh: number[][], bh: number[], wOut: number[], bOut: number];

/**
 * Elman RNN for binary sequence classification: h_0 = 0, h_t = tanh(Wx·x_t + Wh·h_{t−1} + bh) for t = 1..T,
 * then p = sigmoid(wOut·h_T + bOut), the probability of the positive class.
 * Shapes: xs T×D (T ≥ 1), Wx H×D, Wh H×H, bh H, wOut H.
 */
function rnnForward(
  xs: number[][],
  Wx: number[][],
  Wh: number[][],
  bh: number[],
  wOut: number[],
  bOut: number,
): number {
  const inputSize = matrix(xs, "xs")[0].length;
  const hidden = matrix(Wx, "Wx", undefined, inputSize).length;
  matrix(Wh, "Wh", hidden, hidden);
  requireVector(bh, "bh", { length: hidden });
  requireVector(wOut, "wOut", { length: hidden });
  requireFinite(bOut, "bOut");
  let h = new Array<number>(hidden).fill(0);
  for (const x of xs) {
    const next = new Array<number>(hidden);
    for (let r = 0; r < hidden; r++) {
      let z = bh[r];
      for (let d = 0; d < inputSize; d++) z += Wx[r][d] * x[d];
      for (let q = 0; q < hidden; q++) z += Wh[r][q] * h[q];
      next[r] = Math.tanh(z);
    }
    h = next;
  }
  let logit = bOut;
  for (let r = 0; r < hidden; r++) logit += wOut[r] * h[r];
  return sigmoid(logit);
}

function randomRnn(rng: Rng, steps: number, inputSize: number, hidden: number, scale = 1): Args {
  return [
    rng.matrix(steps, inputSize, -2, 2),
    rng.matrix(hidden, inputSize, -scale, scale),
    rng.matrix(hidden, hidden, -scale, scale),
    rng.floats(hidden, -0.5, 0.5),
    rng.floats(hidden, -2, 2),
    rng.float(-1, 1),
  ];
}

export const rnnForwardKernel: KernelSpec<Args, number> = {
  id: "rnn-forward",
  functionName: "rnnForward",
  signature:
    "function rnnForward(xs: number[][], Wx: number[][], Wh: number[][], bh: number[], wOut: number[], bOut: number): number",
  tolerance: { atol: 1e-9, rtol: 1e-7 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: rnnForward,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [[1], [0], [-1]],
          [[0.5], [-0.5]],
          [
            [0.1, 0],
            [0, 0.1],
          ],
          [0, 0],
          [1, -1],
          0,
        ];
      const [xs, Wx, Wh, bh, wOut] = randomRnn(rng, 4, 2, 3);
      return [roundedMatrix(xs), roundedMatrix(Wx), roundedMatrix(Wh), bh.map(round2), wOut.map(round2), 0.25];
    }
    switch (index) {
      case 0:
        return randomRnn(rng, 1, 1, 1); // one step, one unit
      case 1: {
        const [xs, , , , wOut] = randomRnn(rng, 5, 3, 4);
        const zeros = (r: number, c: number) => Array.from({ length: r }, () => new Array<number>(c).fill(0));
        return [xs, zeros(4, 3), zeros(4, 4), [0, 0, 0, 0], wOut, 0.7]; // zero weights: p = sigmoid(bOut)
      }
      case 2:
        return randomRnn(rng, 12, 2, 3, 6); // large weights saturate tanh
      case 3:
        return randomRnn(rng, 30, 4, 8, 0.3); // a long sequence
      default:
        return randomRnn(rng, rng.int(1, 15), rng.int(1, 6), rng.int(1, 10));
    }
  },
  starterCode: `function rnnForward(
  xs: number[][],
  Wx: number[][],
  Wh: number[][],
  bh: number[],
  wOut: number[],
  bOut: number,
): number {
  // xs is T×D (one input vector per time step); Wx is H×D, Wh is H×H, bh and wOut have length H.
  // h starts at zeros(H); for each step: h = tanh(Wx·x_t + Wh·h + bh) (use the previous h for every unit).
  // Return sigmoid(wOut·h_T + bOut), the probability of the positive class.
  return 0.5;
}
`,
  solutionCode: `function rnnForward(
  xs: number[][],
  Wx: number[][],
  Wh: number[][],
  bh: number[],
  wOut: number[],
  bOut: number,
): number {
  const dot = (a: number[], b: number[]) => a.reduce((acc, v, i) => acc + v * b[i], 0);
  let h: number[] = bh.map(() => 0);
  for (const x of xs) {
    const previous = h;
    h = bh.map((bias, r) => Math.tanh(dot(Wx[r], x) + dot(Wh[r], previous) + bias));
  }
  const logit = dot(wOut, h) + bOut;
  return logit >= 0 ? 1 / (1 + Math.exp(-logit)) : Math.exp(logit) / (1 + Math.exp(logit));
}
`,
};
