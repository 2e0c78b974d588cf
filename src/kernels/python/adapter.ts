// Kernel form ⇄ Python form. The judge hands every runtime the kernel's arguments (numbers, arrays,
// Float64Array with sizes, plain objects) and compares results in the kernel's form; a problem declares once
// how its arguments look to a Python learner and how the learner's result maps back. For matmul:
//   args: ([a, b, n, k, m]) => [ndarray(a, [n, k]), ndarray(b, [k, m])],   argKinds: ["ndarray2d", "ndarray2d"]
//   result: flat                                                             (the kernel returns a Float64Array)
import { NdArray } from "./ndarray.ts";

export type PythonAdapter = {
  /** The kernel's arguments as the learner's function takes them (NdArray, numbers, lists, dicts). */
  args(kernelArgs: readonly unknown[]): unknown[];
  /** The learner's decoded result (NdArray, numbers, lists, dicts) in the kernel's form. */
  result(value: unknown): unknown;
  /**
   * The inverse of `result`: a kernel result as the learner's function returns it, as plain data (arrays nested,
   * snake_case keys): what a Python learner is shown as a sample's expected output. Default: `nested`.
   */
  present?(kernelResult: unknown, kernelArgs: readonly unknown[]): unknown;
};

/** A kernel's flat row-major buffer (or nested number arrays) as a numpy array of `shape`. */
export function ndarray(
  data: Float64Array | readonly number[] | readonly (readonly number[])[],
  shape?: number[],
): NdArray {
  if (data instanceof Float64Array) return new NdArray(shape ?? [data.length], data);
  const rows = data as readonly (number | readonly number[])[];
  const nested = rows.length > 0 && Array.isArray(rows[0]);
  const flatData = Float64Array.from(nested ? (rows as readonly (readonly number[])[]).flat() : (rows as number[]));
  const inferred = nested ? [rows.length, (rows[0] as readonly number[]).length] : [rows.length];
  return new NdArray(shape ?? inferred, flatData);
}

/**
 * A result as plain kernel data: arrays become nested number arrays (booleans for bool arrays), lists and
 * dicts are converted inside. What the judge compares with number[] / number[][] kernels.
 */
export function nested(value: unknown): unknown {
  if (value instanceof NdArray) return value.toNested();
  if (Array.isArray(value)) return value.map(nested);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, nested(item)]));
  }
  return value;
}

/**
 * A result as a flat row-major Float64Array (the performance kernels' form): an array's elements, or a
 * nested list of numbers flattened. Anything else is returned unchanged, so the judge's shape check fails it.
 */
export function flat(value: unknown): unknown {
  if (value instanceof NdArray) return value.data;
  if (Array.isArray(value)) {
    const flattened = value.flat(Number.POSITIVE_INFINITY);
    if (flattened.every((item) => typeof item === "number")) return Float64Array.from(flattened as number[]);
  }
  return value;
}

/** Arguments as given (a Float64Array arrives as a 1-D array), results as nested plain data. */
export const IDENTITY_ADAPTER: PythonAdapter = { args: (kernelArgs) => [...kernelArgs], result: nested };

/** snake_case → camelCase (`sum_exp` → `sumExp`): Python's field names as the kernel spells them. */
function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * A result dict with snake_case keys (the Python idiom) as the kernel's object with camelCase keys, its values
 * as nested plain data. Anything but a dict is returned as nested data, so the judge's shape check fails it.
 */
export function camelKeys(value: unknown): unknown {
  const plain = nested(value);
  if (typeof plain !== "object" || plain === null || Array.isArray(plain)) return plain;
  return Object.fromEntries(Object.entries(plain).map(([key, item]) => [camelCase(key), item]));
}

/**
 * A result dict whose keys the learner writes in snake_case (`pythonKeys`, e.g. ["loss", "sum_exp"]) and the kernel
 * in camelCase; arguments as given.
 */
export function dictResult(pythonKeys: readonly string[]): PythonAdapter {
  return {
    args: (kernelArgs) => [...kernelArgs],
    result: camelKeys,
    present: (value) => snakeKeys(value, pythonKeys),
  };
}

/** A kernel object with the learner's snake_case keys (`pythonKeys`), its values as nested plain data. */
export function snakeKeys(value: unknown, pythonKeys: readonly string[]): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return nested(value);
  const record = value as Record<string, unknown>;
  return Object.fromEntries(pythonKeys.map((key) => [key, nested(record[camelCase(key)])]));
}

/** A kernel's flat row-major result as a nested array of `shape`, for a Python learner's eyes. */
export function reshaped(value: unknown, shape: readonly number[]): unknown {
  if (!(value instanceof Float64Array)) return nested(value);
  return new NdArray(shape, value).toNested();
}
