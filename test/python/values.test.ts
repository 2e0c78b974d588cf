// The wire form between the trusted side and the harness, and the kernel-form adapter helpers: pure
// functions, no Python needed.
import { describe, expect, it } from "@jest/globals";
import { flat, ndarray, nested } from "../../src/kernels/python/adapter.ts";
import { checkArgKinds } from "../../src/kernels/python/arg-kinds.ts";
import { NdArray } from "../../src/kernels/python/ndarray.ts";
import { encodeArguments, frameBody, parseFrame } from "../../workers/runtimes/python/values.ts";
import { FrameDecoder, lengthPrefixed } from "../../workers/sandbox/framing.ts";

/** A frame body as the harness writes one: `head` as JSON, then `tail`. */
const frame = (head: unknown, tail: Buffer = Buffer.alloc(0)) => frameBody(JSON.stringify(head), tail);

describe("python wire values", () => {
  it("tags non-finite numbers and puts arrays' bytes in the tail on the way in", () => {
    const array = new NdArray([2], Float64Array.from([1.5, -2]));
    const other = Float64Array.from([7]);
    const { json, tail } = encodeArguments([Number.NaN, Infinity, -Infinity, 3, array, other]);
    const decoded = JSON.parse(json);
    expect(decoded.slice(0, 4)).toEqual([{ $f: "nan" }, { $f: "inf" }, { $f: "-inf" }, 3]);
    expect(decoded[4].$nd).toEqual({ shape: [2], dtype: "float64", at: 0, bytes: 16 });
    expect(decoded[5].$nd).toEqual({ shape: [1], dtype: "float64", at: 16, bytes: 8 });
    expect(tail).toEqual(Buffer.concat([Buffer.from(array.data.buffer), Buffer.from(other.buffer)]));
  });

  it("copies the arrays' bytes, so a later change of an argument does not reach the wire", () => {
    const data = Float64Array.from([1, 2]);
    const { tail } = encodeArguments([data]);
    data[0] = 99;
    expect(new Float64Array(tail.buffer.slice(tail.byteOffset, tail.byteOffset + 16))).toEqual(
      Float64Array.from([1, 2]),
    );
  });

  it("sends a Float64Array as a 1-D array and refuses what JSON cannot carry", () => {
    expect(JSON.parse(encodeArguments([Float64Array.from([1])]).json)[0].$nd.shape).toEqual([1]);
    expect(() => encodeArguments([Int32Array.from([1])])).toThrow(/wrap them in an NdArray/);
    expect(() => encodeArguments([10n])).toThrow(/bigint/);
  });

  it("revives tags on the way out, and only exact tags", () => {
    const data = Buffer.from(Float64Array.from([1, Number.NaN, 3, 4]).buffer);
    const value = parseFrame(
      frame(
        { a: { $f: "nan" }, b: { $nd: { shape: [2, 2], dtype: "int64", at: 8, bytes: 32 } }, c: { $f: "toString" } },
        Buffer.concat([Buffer.alloc(8), data]),
      ),
    ) as Record<string, unknown>;
    expect(value.a).toBeNaN();
    expect(value.b).toBeInstanceOf(NdArray);
    expect((value.b as NdArray).dtype).toBe("int64");
    expect((value.b as NdArray).toNested()).toEqual([
      [1, Number.NaN],
      [3, 4],
    ]);
    expect(value.c).toEqual({ $f: "toString" });
  });

  it("reads a frame written by the harness, lengths and all", () => {
    const [body] = new FrameDecoder(parseFrame).push(lengthPrefixed([frame({ kind: "loaded" })]));
    expect(body).toEqual({ kind: "loaded" });
  });

  const eight = Buffer.alloc(8);
  it.each([
    ["a shape that does not match the bytes", { shape: [3], dtype: "float64", at: 0, bytes: 8 }],
    ["an unknown dtype", { shape: [1], dtype: "object", at: 0, bytes: 8 }],
    ["a negative dimension", { shape: [-1], dtype: "float64", at: 0, bytes: 0 }],
    ["bytes that are not whole float64 values", { shape: [1], dtype: "float64", at: 0, bytes: 4 }],
    ["bytes past the end of the frame", { shape: [2], dtype: "float64", at: 0, bytes: 16 }],
    ["an offset past the end of the frame", { shape: [1], dtype: "float64", at: 8, bytes: 8 }],
    ["a negative offset", { shape: [1], dtype: "float64", at: -8, bytes: 8 }],
    ["an offset that is not a number", { shape: [1], dtype: "float64", at: "0", bytes: 8 }],
  ])("rejects an array tag with %s", (_name, spec) => {
    expect(() => parseFrame(frame({ $nd: spec }, eight))).toThrow();
  });

  it("refuses array tags that share the frame's bytes (each would copy them: a small frame, a full memory)", () => {
    const tag = { $nd: { shape: [1], dtype: "float64", at: 0, bytes: 8 } };
    expect(() => parseFrame(frame([tag, tag], eight))).toThrow(/share the frame's bytes/);
    const apart = { $nd: { shape: [1], dtype: "float64", at: 8, bytes: 8 } };
    expect(parseFrame(frame([tag, apart], Buffer.alloc(16)))).toHaveLength(2);
  });

  it("refuses a shape that holds nothing but would be billions of rows, or more dimensions than numpy has", () => {
    const empty = (shape: number[]) => frame({ $nd: { shape, dtype: "float64", at: 0, bytes: 0 } });
    expect(() => parseFrame(empty([2 ** 31, 0]))).toThrow(/more rows than elements/);
    expect(() => parseFrame(empty([1, 2 ** 20, 0]))).toThrow(/more rows than elements/);
    expect(() =>
      parseFrame(frame({ $nd: { shape: Array(65).fill(1), dtype: "float64", at: 0, bytes: 8 } }, eight)),
    ).toThrow(/malformed array shape/);
    expect((parseFrame(empty([100, 0])) as NdArray).toNested()).toHaveLength(100);
  });

  it("rejects a frame shorter than its head says", () => {
    const body = frame({ kind: "loaded" });
    expect(() => parseFrame(body.subarray(0, body.length - 1))).toThrow(/shorter than its head/);
    expect(() => parseFrame(Buffer.from([0, 0]))).toThrow(/shorter/);
  });

  it("turns bool arrays into booleans when nested", () => {
    expect(new NdArray([2], Float64Array.from([1, 0]), "bool").toNested()).toEqual([true, false]);
  });
});

describe("python kernel-form adapter helpers", () => {
  it("builds arrays from flat buffers with a shape and from nested rows", () => {
    expect(ndarray(Float64Array.from([1, 2, 3, 4, 5, 6]), [2, 3]).shape).toEqual([2, 3]);
    const rows = ndarray([
      [1, 2],
      [3, 4],
    ]);
    expect(rows.shape).toEqual([2, 2]);
    expect([...rows.data]).toEqual([1, 2, 3, 4]);
    expect(() => ndarray(Float64Array.from([1, 2, 3]), [2, 2])).toThrow(/does not have shape/);
  });

  it("maps results to flat buffers or nested data, leaving what does not fit for the judge to reject", () => {
    const array = new NdArray([2, 1], Float64Array.from([5, 6]));
    expect(flat(array)).toEqual(Float64Array.from([5, 6]));
    expect(flat([[1], [2]])).toEqual(Float64Array.from([1, 2]));
    expect(flat(["x"])).toEqual(["x"]);
    expect(nested({ p: array, q: [array] })).toEqual({ p: [[5], [6]], q: [[[5], [6]]] });
  });

  it("refuses an unknown argument kind by name", () => {
    expect(() => checkArgKinds(["ndarray2d", "intarray1d", "float"])).not.toThrow();
    expect(() => checkArgKinds(["ndarray5d"])).toThrow(/"ndarray5d"/);
  });
});
