// Values between the trusted side and the Python harness: JSON with two tags (harness/wire.py says the
// same). `{"$f": "nan" | "inf" | "-inf"}` is a float JSON cannot spell; `{"$nd": {shape, dtype, b64}}` is a
// numpy array as row-major little-endian float64 bytes (integers travel exactly below 2^53), so large arrays
// cost a base64 pass instead of a number parser. Results are only ever parsed here, never evaluated: a
// learner's object with a hostile __eq__ or __array__ has become plain data before it left the sandbox.
import { NdArray, type NdArrayDtype } from "../../../src/kernels/python/ndarray.ts";

const SPECIAL_FLOATS: Record<string, number> = { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, "-inf": -Infinity };
const DTYPES: readonly string[] = ["float64", "int64", "bool"];

function floatTag(value: number): unknown {
  if (Number.isFinite(value)) return value;
  return { $f: Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf" };
}

function arrayTag(array: NdArray): unknown {
  const bytes = Buffer.from(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  return { $nd: { shape: array.shape, dtype: array.dtype, b64: bytes.toString("base64") } };
}

/**
 * Test arguments as JSON text for the harness. NdArray and Float64Array (a 1-D float64 array) become
 * array tags, non-finite numbers float tags; anything JSON cannot carry (bigint, functions) is an error.
 */
export function encodeArguments(args: readonly unknown[]): string {
  return JSON.stringify(args, (_key, value: unknown) => {
    if (typeof value === "number") return floatTag(value);
    if (value instanceof NdArray) return arrayTag(value);
    if (value instanceof Float64Array) return arrayTag(new NdArray([value.length], value));
    if (ArrayBuffer.isView(value)) throw new TypeError("typed arrays other than Float64Array: wrap them in an NdArray");
    if (typeof value === "bigint" || typeof value === "function" || typeof value === "symbol") {
      throw new TypeError(`a ${typeof value} cannot be a Python test argument`);
    }
    return value;
  });
}

function reviveArray(spec: unknown): NdArray {
  if (typeof spec !== "object" || spec === null) throw new TypeError("malformed array tag");
  const { shape, dtype, b64 } = spec as { shape?: unknown; dtype?: unknown; b64?: unknown };
  if (!Array.isArray(shape) || typeof b64 !== "string" || typeof dtype !== "string" || !DTYPES.includes(dtype)) {
    throw new TypeError("malformed array tag");
  }
  const bytes = Buffer.from(b64, "base64");
  if (bytes.length % 8 !== 0) throw new TypeError("array bytes are not whole float64 values");
  // Copied into a fresh, aligned buffer (a Buffer's offset need not be a multiple of 8).
  const data = new Float64Array(bytes.length / 8);
  new Uint8Array(data.buffer).set(bytes);
  return new NdArray(shape as number[], data, dtype as NdArrayDtype);
}

/** Deeper than any frame the harness writes (a result is at most 64 levels): a deeper one is malformed. */
const MAX_FRAME_DEPTH = 128;

/** Turns tags back into NaN/±Infinity and NdArray, in place (a fresh JSON value only this module holds). */
function revive(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_FRAME_DEPTH) throw new TypeError("frame nested too deeply");
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      if (typeof item === "object" && item !== null) value[index] = revive(item, depth + 1);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1) {
    if (keys[0] === "$f" && typeof record.$f === "string" && Object.hasOwn(SPECIAL_FLOATS, record.$f))
      return SPECIAL_FLOATS[record.$f];
    if (keys[0] === "$nd") return reviveArray(record.$nd);
  }
  for (const key of keys) {
    const item = record[key];
    if (typeof item !== "object" || item === null) continue;
    const revived = revive(item, depth + 1);
    // defineProperty: a key named __proto__ stays a plain property, as JSON.parse made it.
    if (revived !== item)
      Object.defineProperty(record, key, { value: revived, writable: true, enumerable: true, configurable: true });
  }
  return record;
}

/**
 * Parses one JSON frame body from the harness, turning tags back into NaN/±Infinity and NdArray. The tags are
 * revived by a walk after a plain JSON.parse (a reviver function slows parsing of a large result by an
 * order of magnitude), and only when the text holds one; a result's size is capped in the child.
 */
export function parseFrame(body: Buffer): unknown {
  const text = body.toString("utf8");
  const value: unknown = JSON.parse(text);
  return text.includes('"$') ? revive(value, 0) : value;
}
