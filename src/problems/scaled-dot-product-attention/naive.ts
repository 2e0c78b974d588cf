import type { WrongSolution } from "../../kernels/wrong-solutions.ts";

/** The editorial's naive method: the whole seqQ×seqK score matrix as nested arrays, then softmax, then ·V. */
export const naive: WrongSolution = {
  why: "builds the full seqQ×seqK score matrix (nested arrays), then the softmax, then the product with V",
  code: `function scaledDotProductAttention(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  seqQ: number,
  seqK: number,
  dK: number,
  dV: number,
  mask: "none" | "top-left" | "bottom-right",
): Float64Array {
  const offset = mask === "none" ? Infinity : mask === "bottom-right" ? seqK - seqQ : 0;
  const scores: number[][] = [];
  for (let i = 0; i < seqQ; i++) {
    const row: number[] = [];
    for (let j = 0; j < seqK; j++) {
      let s = 0;
      for (let d = 0; d < dK; d++) s += q[i * dK + d] * k[j * dK + d];
      row.push(j > i + offset ? -Infinity : s / Math.sqrt(dK));
    }
    scores.push(row);
  }
  const weights = scores.map((row) => {
    const max = Math.max(...row);
    const e = row.map((s) => Math.exp(s - max));
    const total = e.reduce((sum, x) => sum + x, 0);
    return e.map((x) => x / total);
  });
  const out = new Float64Array(seqQ * dV);
  for (let i = 0; i < seqQ; i++)
    for (let d = 0; d < dV; d++) {
      let sum = 0;
      for (let j = 0; j < seqK; j++) sum += weights[i][j] * v[j * dV + d];
      out[i * dV + d] = sum;
    }
  return out;
}
`,
};
