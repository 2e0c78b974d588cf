// Values between the trusted side and the Python harness (harness/wire.py says the same). A frame's body is a
// JSON head and a binary tail: a 4-byte big-endian length, the head (UTF-8 JSON) and then the tail, the bytes of
// its arrays. The head has two tags: `{"$f": "nan" | "inf" | "-inf"}`, a float JSON cannot spell, and
// `{"$nd": {shape, dtype, at, bytes}}`, a numpy array whose row-major little-endian float64 elements are the
// `bytes` bytes of the tail from offset `at` (integers travel exactly below 2^53). Arrays are the bulk of a
// frame (matmul's 256³ inputs are 1 MiB): as base64 in the JSON, decoding a run's inputs and encoding its answer
// cost 15.7 ms of the child's CPU a run here, against ~14 ms of compute. Results are only ever parsed here,
// never evaluated: a learner's object with a hostile __eq__ or __array__ has become plain data before it left
// the sandbox.
import { NdArray, type NdArrayDtype } from "../../../src/kernels/python/ndarray.ts";

const SPECIAL_FLOATS: Record<string, number> = { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, "-inf": -Infinity };
const DTYPES: readonly string[] = ["float64", "int64", "bool"];
const HEAD_LENGTH_BYTES = 4;

/** A value on the wire: its JSON (with tags) and the tail its array tags point into. */
export type WireValue = { json: string; tail: Buffer };

function floatTag(value: number): unknown {
  if (Number.isFinite(value)) return value;
  return { $f: Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf" };
}

/**
 * Test arguments for the harness. NdArray and Float64Array (a 1-D float64 array) become array tags with their
 * bytes in the tail, non-finite numbers float tags; anything JSON cannot carry (bigint, functions) is an error.
 */
export function encodeArguments(args: readonly unknown[]): WireValue {
  const parts: Buffer[] = [];
  let tailBytes = 0;
  const arrayTag = (array: NdArray): unknown => {
    const bytes = Buffer.from(array.data.buffer, array.data.byteOffset, array.data.byteLength);
    const tag = { $nd: { shape: array.shape, dtype: array.dtype, at: tailBytes, bytes: bytes.length } };
    parts.push(bytes);
    tailBytes += bytes.length;
    return tag;
  };
  const json = JSON.stringify(args, (_key, value: unknown) => {
    if (typeof value === "number") return floatTag(value);
    if (value instanceof NdArray) return arrayTag(value);
    if (value instanceof Float64Array) return arrayTag(new NdArray([value.length], value));
    if (ArrayBuffer.isView(value)) throw new TypeError("typed arrays other than Float64Array: wrap them in an NdArray");
    if (typeof value === "bigint" || typeof value === "function" || typeof value === "symbol") {
      throw new TypeError(`a ${typeof value} cannot be a Python test argument`);
    }
    return value;
  });
  // Copied once here (the arrays may be views of buffers someone changes later); every run reuses it.
  return { json, tail: Buffer.concat(parts, tailBytes) };
}

/** A frame body for the harness: `head` (JSON text, any array tags pointing into `tail`) and `tail`. */
export function frameBody(head: string, tail: Buffer = Buffer.alloc(0)): Buffer {
  const headBytes = Buffer.from(head);
  const length = Buffer.allocUnsafe(HEAD_LENGTH_BYTES);
  length.writeUInt32BE(headBytes.length, 0);
  return Buffer.concat([length, headBytes, tail]);
}

function byteRange(value: unknown, tail: Buffer): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= tail.length;
}

/** numpy's own limit on dimensions (NPY_MAXDIMS, numpy 2). */
const MAX_DIMENSIONS = 64;
/** Nested arrays a result may need beyond one per element (NdArray.toNested makes one per row of each axis). */
const NESTED_ARRAYS_SLACK = 65_536;

/**
 * A shape from the child, checked before anything is built from it: whole dimensions, at most numpy's number of
 * them, and no more nested arrays than its elements allow: `[2**31, 0]` holds nothing but would be 2³¹ empty
 * rows in nested form (a stall, then an out-of-memory crash of the grader, from a 64-byte result).
 */
function checkedShape(shape: unknown, elements: number): number[] {
  if (!Array.isArray(shape) || shape.length > MAX_DIMENSIONS) throw new TypeError("malformed array shape");
  let rows = 0;
  let product = 1;
  for (const [axis, dimension] of shape.entries()) {
    if (!Number.isSafeInteger(dimension) || dimension < 0) throw new TypeError("malformed array shape");
    product *= dimension;
    if (axis < shape.length - 1) rows += product;
    if (rows > elements + NESTED_ARRAYS_SLACK) throw new TypeError("an array shape with more rows than elements");
  }
  return shape as number[];
}

/** What the array tags of one frame may still copy out of its tail: each byte once, however many tags point at it. */
type TailBudget = { left: number };

function reviveArray(spec: unknown, tail: Buffer, budget: TailBudget): NdArray {
  if (typeof spec !== "object" || spec === null) throw new TypeError("malformed array tag");
  const { shape, dtype, at, bytes } = spec as { shape?: unknown; dtype?: unknown; at?: unknown; bytes?: unknown };
  if (typeof dtype !== "string" || !DTYPES.includes(dtype)) throw new TypeError("malformed array tag");
  if (!byteRange(at, tail) || !byteRange(bytes, tail) || (at as number) + (bytes as number) > tail.length) {
    throw new TypeError("an array tag points outside the frame");
  }
  if ((bytes as number) % 8 !== 0) throw new TypeError("array bytes are not whole float64 values");
  // Tags that share bytes would each copy them: a small frame could otherwise fill the grader's memory.
  budget.left -= bytes as number;
  if (budget.left < 0) throw new TypeError("array tags share the frame's bytes");
  const dimensions = checkedShape(shape, (bytes as number) / 8);
  // Copied into a fresh, aligned buffer (a Buffer's offset need not be a multiple of 8); NdArray checks the shape.
  const data = new Float64Array((bytes as number) / 8);
  new Uint8Array(data.buffer).set(tail.subarray(at as number, (at as number) + (bytes as number)));
  return new NdArray(dimensions, data, dtype as NdArrayDtype);
}

/** Deeper than any frame the harness writes (a result is at most 64 levels): a deeper one is malformed. */
const MAX_FRAME_DEPTH = 128;

/** Turns tags back into NaN/±Infinity and NdArray, in place (a fresh JSON value only this module holds). */
function revive(value: unknown, tail: Buffer, budget: TailBudget, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_FRAME_DEPTH) throw new TypeError("frame nested too deeply");
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      if (typeof item === "object" && item !== null) value[index] = revive(item, tail, budget, depth + 1);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1) {
    if (keys[0] === "$f" && typeof record.$f === "string" && Object.hasOwn(SPECIAL_FLOATS, record.$f))
      return SPECIAL_FLOATS[record.$f];
    if (keys[0] === "$nd") return reviveArray(record.$nd, tail, budget);
  }
  for (const key of keys) {
    const item = record[key];
    if (typeof item !== "object" || item === null) continue;
    const revived = revive(item, tail, budget, depth + 1);
    // defineProperty: a key named __proto__ stays a plain property, as JSON.parse made it.
    if (revived !== item)
      Object.defineProperty(record, key, { value: revived, writable: true, enumerable: true, configurable: true });
  }
  return record;
}

/**
 * Parses one frame body from the harness (frameBody's layout), turning tags back into NaN/±Infinity and
 * NdArray. The tags are revived by a walk after a plain JSON.parse (a reviver function slows parsing of a large
 * result by an order of magnitude), and only when the head holds one; a result's size is capped in the child.
 */
export function parseFrame(body: Buffer): unknown {
  if (body.length < HEAD_LENGTH_BYTES) throw new TypeError("frame shorter than its head's length");
  const headLength = body.readUInt32BE(0);
  if (headLength > body.length - HEAD_LENGTH_BYTES) throw new TypeError("frame shorter than its head");
  const head = body.toString("utf8", HEAD_LENGTH_BYTES, HEAD_LENGTH_BYTES + headLength);
  const value: unknown = JSON.parse(head);
  const tail = body.subarray(HEAD_LENGTH_BYTES + headLength);
  return head.includes('"$') ? revive(value, tail, { left: tail.length }, 0) : value;
}
