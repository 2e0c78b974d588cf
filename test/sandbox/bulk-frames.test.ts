import { deserialize, serialize } from "node:v8";
import { describe, expect, it } from "@jest/globals";
import { BulkFrameDecoder, encodeBulkFrame } from "../../workers/sandbox/bulk-frames.ts";

const frameOf = (message: unknown) => Buffer.concat(encodeBulkFrame(message));

function decodeInPieces(bytes: Buffer, size: number): unknown[] {
  const decoder = new BulkFrameDecoder();
  const received: unknown[] = [];
  for (let offset = 0; offset < bytes.length; offset += size)
    received.push(...decoder.push(bytes.subarray(offset, offset + size)));
  return received;
}

describe("bulk frames", () => {
  it("round-trips what structured clone keeps, split at every byte, typed arrays typed", () => {
    const shared = Float64Array.of(1, 2);
    const messages = [
      { type: "call", runs: [[Float64Array.of(1.5, -2, Number.NaN), Int32Array.of(7, -8)]], timedMs: [] },
      [1, "two", -0, Number.NaN, undefined, null, 3n, new Map([[1, 2]])],
      [new Int8Array([1, -2]), Buffer.from("hi"), new DataView(new ArrayBuffer(3)), new BigUint64Array([5n])],
      { empty: new Float32Array(0), view: new Uint16Array(new ArrayBuffer(16), 2, 3), same: [shared, shared] },
      "last",
    ];
    const received = decodeInPieces(Buffer.concat(messages.map(frameOf)), 1);
    // What Node's own structured clone (framing.ts) keeps: the same serialization (kinds, contents, shared
    // references), whatever realm made the arrays (jest's, here).
    expect(received).toHaveLength(messages.length);
    const cloned = messages.map((message) => serialize(deserialize(serialize(message))));
    expect(received.map((value, index) => serialize(value).equals(cloned[index]))).toEqual(messages.map(() => true));
    const [, , views, fields] = received as [unknown, unknown, ArrayBufferView[], { same: Float64Array[] }];
    expect(views.map((view) => view.constructor.name)).toEqual(["Int8Array", "Buffer", "DataView", "BigUint64Array"]);
    expect(fields.same[0]).toBe(fields.same[1]);
  });

  it("writes typed arrays without copying them and decodes each into a buffer of its own", () => {
    const values = new Float64Array(300_000).map((_, i) => i / 3);
    const parts = encodeBulkFrame({ values, other: Uint8Array.of(9) });
    expect(parts.some((part) => part.buffer === values.buffer)).toBe(true);
    const [decoded] = decodeInPieces(Buffer.concat(parts), 65_536) as { values: Float64Array; other: Uint8Array }[];
    expect(decoded.values.buffer.byteLength).toBe(values.byteLength);
    expect(Buffer.from(decoded.values.buffer).equals(Buffer.from(values.buffer))).toBe(true);
    expect([...decoded.other]).toEqual([9]);
    expect(decodeInPieces(Buffer.concat([frameOf(1), frameOf("two"), frameOf([3])]), 1 << 20)).toEqual([1, "two", [3]]);
  });

  it("refuses a frame announcing more than the limit, or segments that disagree with its length", () => {
    const header = Buffer.alloc(12);
    header.writeUInt32BE(0xffffffff, 0);
    expect(() => new BulkFrameDecoder().push(header)).toThrow(/exceeds the limit/);
    const frame = frameOf({ values: Float64Array.of(1, 2) });
    const tampered = Buffer.from(frame);
    tampered.writeUInt32BE(12, 16); // the segment's byte length: no longer a whole number of doubles
    expect(() => new BulkFrameDecoder().push(tampered)).toThrow(/malformed frame segment/);
    const tableOnly = Buffer.alloc(12);
    tableOnly.writeUInt32BE(8 + 8 * 1000 + 2, 0); // the rest: body length, count, a 1,000-entry table, a 2-byte body
    tableOnly.writeUInt32BE(2, 4);
    tableOnly.writeUInt32BE(1000, 8);
    expect(() => new BulkFrameDecoder().push(tableOnly)).toThrow(/more segments than the body refers to/);
    const shorter = Buffer.from(frame);
    shorter.writeUInt32BE(8, 16); // fewer segment bytes than the frame's length says
    expect(() => new BulkFrameDecoder().push(shorter)).toThrow(/disagrees/);
  });
});
