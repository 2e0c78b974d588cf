import { describe, expect, it } from "@jest/globals";
import { preview } from "../../workers/judge/preview.ts";
import { encodeFrame, FrameDecoder } from "../../workers/sandbox/framing.ts";

describe("FrameDecoder", () => {
  it("reassembles frames split at every byte and keeps typed arrays typed", () => {
    const messages = [
      { type: "call", args: [Float64Array.of(1.5, -2, Number.NaN)] },
      { type: "end", jobId: 7 },
    ];
    const bytes = Buffer.concat(messages.map(encodeFrame));
    const decoder = new FrameDecoder();
    const received: unknown[] = [];
    for (let i = 0; i < bytes.length; i++) received.push(...decoder.push(bytes.subarray(i, i + 1)));
    expect(received).toEqual(messages);
    // Deserialized in the main realm, not jest's: check the kind by name.
    const decoded = (received[0] as { args: unknown[] }).args[0];
    expect(ArrayBuffer.isView(decoded) && decoded.constructor.name).toBe("Float64Array");
  });

  it("decodes a large frame delivered in many chunks, and several frames in one chunk", () => {
    const big = { values: new Float64Array(500_000).map((_, i) => i) };
    const bytes = encodeFrame(big);
    const decoder = new FrameDecoder();
    const received: unknown[] = [];
    for (let offset = 0; offset < bytes.length; offset += 65_536)
      received.push(...decoder.push(bytes.subarray(offset, offset + 65_536)));
    expect(received).toHaveLength(1);
    const values = (received[0] as { values: Float64Array }).values;
    expect(
      Buffer.from(values.buffer, values.byteOffset, values.byteLength).equals(Buffer.from(big.values.buffer)),
    ).toBe(true);
    expect(new FrameDecoder().push(Buffer.concat([encodeFrame(1), encodeFrame("two"), encodeFrame([3])]))).toEqual([
      1,
      "two",
      [3],
    ]);
  });

  it("refuses a frame header announcing more than the limit", () => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(0xffffffff, 0);
    expect(() => new FrameDecoder().push(header)).toThrow(/exceeds the limit/);
  });
});

describe("preview", () => {
  it("makes values JSON-safe: typed arrays become arrays, non-finite numbers strings", () => {
    expect(preview([Float64Array.of(1, Number.NaN), { x: Number.POSITIVE_INFINITY, y: undefined }, 2n])).toEqual([
      [1, "NaN"],
      { x: "Infinity", y: null },
      "2",
    ]);
  });

  it("cuts a long value to a short JSON text", () => {
    const shown = preview(new Float64Array(10_000).fill(0.123456789));
    expect(typeof shown).toBe("string");
    expect((shown as string).length).toBeLessThan(2200);
    expect(shown as string).toMatch(/^\[0\.123456789,.*… \(\d+ characters\)$/);
  });
});
