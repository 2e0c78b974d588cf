// Small numeric helpers shared by the kernels' references and generators.

/** Numerically stable logistic function: never evaluates exp of a large positive number. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Stable softmax of one row (subtracts the row maximum before exponentiating). */
export function softmaxRow(row: readonly number[]): number[] {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of row) if (v > max) max = v;
  const out = row.map((v) => Math.exp(v - max));
  let sum = 0;
  for (const e of out) sum += e;
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

/** Stable log(Σ exp(row)). */
export function logSumExp(row: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of row) if (v > max) max = v;
  let sum = 0;
  for (const v of row) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/** Rounds to two decimals so sample tests shown to the learner stay round2. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function roundedMatrix(values: number[][]): number[][] {
  return values.map((row) => row.map(round2));
}

/** Round half to even (banker's rounding): the IEEE default, numpy's np.round and torch.round; Math.round is not. */
export function roundHalfEven(v: number): number {
  const floor = Math.floor(v);
  const diff = v - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Inverse-CDF sampling with a given uniform u ∈ [0, 1): the first id (ascending) whose cumulative probability
 * exceeds u; the last id with a positive probability when rounding leaves u beyond the total.
 */
export function inverseCdf(probs: readonly number[], u: number): number {
  let cdf = 0;
  let last = 0;
  for (let id = 0; id < probs.length; id++) {
    if (probs[id] <= 0) continue;
    last = id;
    cdf += probs[id];
    if (u < cdf) return id;
  }
  return last;
}
