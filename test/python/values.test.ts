// The wire form between the trusted side and the harness, and the kernel-form adapter helpers: pure
// functions, no Python needed.
import { describe, expect, it } from "@jest/globals";
import { flat, ndarray, nested } from "../../src/kernels/python/adapter.ts";
import { checkArgKinds } from "../../src/kernels/python/arg-kinds.ts";
import { NdArray } from "../../src/kernels/python/ndarray.ts";
import { encodeArguments, parseFrame } from "../../workers/runtimes/python/values.ts";

const frame = (value: unknown) => Buffer.from(JSON.stringify(value));

describe("python wire values", () => {
  it("tags non-finite numbers and arrays on the way in", () => {
    const array = new NdArray([2], Float64Array.from([1.5, -2]));
    const decoded = JSON.parse(encodeArguments([Number.NaN, Infinity, -Infinity, 3, array]));
    expect(decoded.slice(0, 4)).toEqual([{ $f: "nan" }, { $f: "inf" }, { $f: "-inf" }, 3]);
    expect(decoded[4].$nd.shape).toEqual([2]);
    expect(decoded[4].$nd.dtype).toBe("float64");
    expect(Buffer.from(decoded[4].$nd.b64, "base64")).toEqual(Buffer.from(array.data.buffer));
  });

  it("sends a Float64Array as a 1-D array and refuses what JSON cannot carry", () => {
    expect(JSON.parse(encodeArguments([Float64Array.from([1])]))[0].$nd.shape).toEqual([1]);
    expect(() => encodeArguments([Int32Array.from([1])])).toThrow(/wrap them in an NdArray/);
    expect(() => encodeArguments([10n])).toThrow(/bigint/);
  });

  it("revives tags on the way out, and only exact tags", () => {
    const data = Buffer.from(Float64Array.from([1, Number.NaN, 3, 4]).buffer).toString("base64");
    const value = parseFrame(
      frame({ a: { $f: "nan" }, b: { $nd: { shape: [2, 2], dtype: "int64", b64: data } }, c: { $f: "toString" } }),
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

  it.each([
    ["a shape that does not match the bytes", { shape: [3], dtype: "float64", b64: "AAAAAAAAAAA=" }],
    ["an unknown dtype", { shape: [1], dtype: "object", b64: "AAAAAAAAAAA=" }],
    ["a negative dimension", { shape: [-1], dtype: "float64", b64: "" }],
    ["bytes that are not whole float64 values", { shape: [1], dtype: "float64", b64: "AAAA" }],
  ])("rejects an array tag with %s", (_name, spec) => {
    expect(() => parseFrame(frame({ $nd: spec }))).toThrow();
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
