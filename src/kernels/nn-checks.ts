import { KernelInputError } from "./types.ts";

/** Input guards and small numeric helpers shared by the neural-network and linear-algebra kernels. */

export function finiteNumber(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new KernelInputError(`${name} must be a finite number, got ${String(value)}`);
  }
  return value;
}

export function sizeAtLeast(value: unknown, name: string, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new KernelInputError(`${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
  return value;
}

/** A non-empty array of finite numbers, optionally of an exact length. */
export function vector(value: unknown, name: string, length?: number): number[] {
  if (!Array.isArray(value)) throw new KernelInputError(`${name} must be an array of numbers`);
  if (value.length === 0) throw new KernelInputError(`${name} must not be empty`);
  if (length !== undefined && value.length !== length) {
    throw new KernelInputError(`${name} must have length ${length}, got ${value.length}`);
  }
  for (let i = 0; i < value.length; i++) finiteNumber(value[i], `${name}[${i}]`);
  return value;
}

/** A rectangular, non-empty matrix of finite numbers; `rows`/`cols` pin its shape when given. */
export function matrix(value: unknown, name: string, rows?: number, cols?: number): number[][] {
  if (!Array.isArray(value)) throw new KernelInputError(`${name} must be an array of rows`);
  if (value.length === 0) throw new KernelInputError(`${name} must have at least one row`);
  if (rows !== undefined && value.length !== rows) {
    throw new KernelInputError(`${name} must have ${rows} rows, got ${value.length}`);
  }
  const width = cols ?? (Array.isArray(value[0]) ? value[0].length : 0);
  for (let i = 0; i < value.length; i++) {
    const row: unknown = value[i];
    if (!Array.isArray(row) || row.length !== width) {
      const got = Array.isArray(row) ? `length ${row.length}` : "not an array";
      throw new KernelInputError(`${name}[${i}] must be a row of length ${width}, got ${got}`);
    }
    vector(row, `${name}[${i}]`);
  }
  return value;
}

/**
 * A Float64Array of an exact length with finite entries. Recognised by its type tag, not `instanceof`, so arrays
 * created in another realm (a vm context, a structured clone across contexts) are accepted too.
 */
export function float64(value: unknown, name: string, length: number): Float64Array {
  if (Object.prototype.toString.call(value) !== "[object Float64Array]") {
    throw new KernelInputError(`${name} must be a Float64Array`);
  }
  const array = value as Float64Array;
  if (array.length !== length) {
    throw new KernelInputError(`${name} must have length ${length} for the given sizes, got ${array.length}`);
  }
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(array[i])) throw new KernelInputError(`${name}[${i}] must be finite, got ${array[i]}`);
  }
  return array;
}

/** Integer class labels in [0, classes). */
export function labels(value: unknown, name: string, length: number, classes: number): number[] {
  if (!Array.isArray(value) || value.length !== length) {
    throw new KernelInputError(`${name} must be an array of ${length} class indices`);
  }
  for (let i = 0; i < length; i++) {
    const label: unknown = value[i];
    if (typeof label !== "number" || !Number.isInteger(label) || label < 0 || label >= classes) {
      throw new KernelInputError(
        `${name}[${i}] must be an integer class index in [0, ${classes}), got ${String(label)}`,
      );
    }
  }
  return value;
}

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

/** Rounds to two decimals so sample tests shown to the learner stay readable. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function roundedMatrix(values: number[][]): number[][] {
  return values.map((row) => row.map(round2));
}
