import { KernelInputError } from "./types.ts";

/** Input guards shared by the training, evaluation, compression and serving kernels. */

export function requireArray(value: unknown, name: string): asserts value is unknown[] {
  if (!Array.isArray(value)) throw new KernelInputError(`${name} must be an array`);
}

export function requireFinite(value: unknown, name: string): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new KernelInputError(`${name} must be a finite number, got ${String(value)}`);
  }
}

export function requireInteger(value: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new KernelInputError(`${name} must be an integer ${range}, got ${String(value)}`);
  }
  return value;
}

/** A non-empty (unless allowEmpty) array of finite numbers. */
export function requireVector(value: unknown, name: string, options: { allowEmpty?: boolean } = {}): number[] {
  requireArray(value, name);
  if (value.length === 0 && !options.allowEmpty) throw new KernelInputError(`${name} must not be empty`);
  for (let i = 0; i < value.length; i++) requireFinite(value[i], `${name}[${i}]`);
  return value as number[];
}

/** A rectangular matrix of finite numbers with at least one row and one column; returns its column count. */
export function requireMatrix(value: unknown, name: string): number {
  requireArray(value, name);
  if (value.length === 0) throw new KernelInputError(`${name} must have at least one row`);
  let cols = -1;
  for (let i = 0; i < value.length; i++) {
    const row = requireVector(value[i], `${name}[${i}]`);
    if (cols === -1) cols = row.length;
    else if (row.length !== cols) {
      throw new KernelInputError(`${name} is ragged: row ${i} has length ${row.length}, row 0 has ${cols}`);
    }
  }
  return cols;
}

/** An array of integer labels in [0, numClasses). */
export function requireLabels(value: unknown, name: string, numClasses: number): number[] {
  requireArray(value, name);
  for (let i = 0; i < value.length; i++) requireInteger(value[i], `${name}[${i}]`, 0, numClasses - 1);
  return value as number[];
}

export function requireSameLength(a: readonly unknown[], b: readonly unknown[], nameA: string, nameB: string): void {
  if (a.length !== b.length) {
    throw new KernelInputError(`${nameA} has length ${a.length} but ${nameB} has length ${b.length}`);
  }
}

/** Rounds to two decimals so sample tests shown to the learner stay readable. */
export function readable(value: number): number {
  return Math.round(value * 100) / 100;
}
