import type { CheckResult, Tolerance } from "./types.ts";

export type CompareOptions = Tolerance & {
  /** Makes every number compare exactly: kernels whose outputs are integers (indices, counts) set it. */
  exact?: boolean;
};

const MAX_SHOWN = 60;

function show(value: unknown): string {
  let text: string;
  if (typeof value === "number") text = Object.is(value, -0) ? "0" : String(value);
  else if (typeof value === "string") text = JSON.stringify(value);
  else if (value === undefined) text = "undefined";
  else if (ArrayBuffer.isView(value)) text = `${value.constructor.name}(${(value as Float64Array).length})`;
  else if (Array.isArray(value)) text = `array(${value.length})`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

function pathString(path: readonly (string | number)[]): string {
  return path.length === 0 ? "result" : path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("");
}

function numbersMatch(got: number, want: number, options: CompareOptions): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (Number.isNaN(got)) return false;
  if (!Number.isFinite(want) || !Number.isFinite(got)) return got === want;
  if (options.exact) return got === want;
  return Math.abs(got - want) <= options.atol + options.rtol * Math.abs(want);
}

/** A typed array of numbers (not a DataView, not a BigInt64Array): every element is a number, none an array. */
function isNumberArray(value: unknown): value is ArrayLike<number> {
  return (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  );
}

/**
 * compareAt over a typed array of expected numbers, element by element with the same results and messages,
 * without a call, a path entry and a result object per element: matmul's 256³ answers are 65,536 numbers a
 * run, and comparing them cost 4.9 ms of a grading's CPU here.
 */
function compareNumbers(
  got: ArrayLike<unknown>,
  want: ArrayLike<number>,
  options: CompareOptions,
  path: (string | number)[],
): CheckResult {
  for (let i = 0; i < want.length; i++) {
    const g = got[i];
    if (typeof g !== "number" || !numbersMatch(g, want[i], options)) return mismatch([...path, i], g, want[i]);
  }
  return { ok: true };
}

function mismatch(path: readonly (string | number)[], got: unknown, want: unknown): CheckResult {
  return { ok: false, message: `at ${pathString(path)}: got ${show(got)}, want ${show(want)}` };
}

/**
 * Deep comparison of a learner's result with the reference: shapes and lengths first, then values
 * elementwise with |got − want| ≤ atol + rtol·|want|. NaN passes only where NaN is expected.
 * Arrays and typed arrays are interchangeable (a learner may return number[] for a Float64Array).
 */
export function compareValues(got: unknown, want: unknown, options: CompareOptions): CheckResult {
  return compareAt(got, want, options, []);
}

function compareAt(got: unknown, want: unknown, options: CompareOptions, path: (string | number)[]): CheckResult {
  if (typeof want === "number") {
    if (typeof got !== "number") return mismatch(path, got, want);
    return numbersMatch(got, want, options) ? { ok: true } : mismatch(path, got, want);
  }
  if (typeof want === "string" || typeof want === "boolean" || want === null || want === undefined) {
    return got === want ? { ok: true } : mismatch(path, got, want);
  }
  if (isArrayLike(want)) {
    if (!isArrayLike(got)) return { ok: false, message: `at ${pathString(path)}: got ${show(got)}, want an array` };
    if (got.length !== want.length) {
      return {
        ok: false,
        message: `shape mismatch at ${pathString(path)}: got length ${got.length}, want ${want.length}`,
      };
    }
    if (isNumberArray(want)) return compareNumbers(got, want, options, path);
    // Shapes first: a ragged nested array is reported as a shape error before any value.
    for (let i = 0; i < want.length; i++) {
      const w = want[i];
      const g = got[i];
      if (isArrayLike(w) && (!isArrayLike(g) || g.length !== w.length)) {
        return {
          ok: false,
          message: `shape mismatch at ${pathString([...path, i])}: got ${isArrayLike(g) ? `length ${g.length}` : show(g)}, want length ${w.length}`,
        };
      }
    }
    for (let i = 0; i < want.length; i++) {
      path.push(i);
      const result = compareAt(got[i], want[i], options, path);
      path.pop();
      if (!result.ok) return result;
    }
    return { ok: true };
  }
  if (typeof want === "object") {
    if (typeof got !== "object" || got === null || isArrayLike(got)) {
      return { ok: false, message: `at ${pathString(path)}: got ${show(got)}, want an object` };
    }
    const wantRecord = want as Record<string, unknown>;
    const gotRecord = got as Record<string, unknown>;
    for (const key of Object.keys(wantRecord)) {
      if (!Object.hasOwn(gotRecord, key))
        return { ok: false, message: `at ${pathString(path)}: missing field "${key}"` };
      path.push(key);
      const result = compareAt(gotRecord[key], wantRecord[key], options, path);
      path.pop();
      if (!result.ok) return result;
    }
    return { ok: true };
  }
  return { ok: false, message: `at ${pathString(path)}: cannot compare a ${typeof want}` };
}
