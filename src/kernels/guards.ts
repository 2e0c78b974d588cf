import { KernelInputError } from "./types.ts";

/** Input guards of the kernels' references: each throws KernelInputError naming the argument at fault. */

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

/** A non-empty (unless allowEmpty) array of finite numbers, of exactly `length` elements when given. */
export function requireVector(
  value: unknown,
  name: string,
  options: { allowEmpty?: boolean; length?: number } = {},
): number[] {
  requireArray(value, name);
  if (value.length === 0 && !options.allowEmpty) throw new KernelInputError(`${name} must not be empty`);
  if (options.length !== undefined && value.length !== options.length) {
    throw new KernelInputError(`${name} must have length ${options.length}, got ${value.length}`);
  }
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

/** Integer class labels in [0, numClasses), exactly `length` of them when given. */
export function requireLabels(value: unknown, name: string, numClasses: number, length?: number): number[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
    throw new KernelInputError(
      length === undefined ? `${name} must be an array` : `${name} must be an array of ${length} class indices`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    const label: unknown = value[i];
    if (typeof label !== "number" || !Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw new KernelInputError(
        `${name}[${i}] must be an integer class index in [0, ${numClasses}), got ${String(label)}`,
      );
    }
  }
  return value;
}

export function requireSameLength(a: readonly unknown[], b: readonly unknown[], nameA: string, nameB: string): void {
  if (a.length !== b.length) {
    throw new KernelInputError(`${nameA} has length ${a.length} but ${nameB} has length ${b.length}`);
  }
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
    requireVector(row, `${name}[${i}]`);
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
