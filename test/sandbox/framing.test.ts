import { describe, expect, it } from "@jest/globals";
import { preview } from "../../workers/judge/preview.ts";
import { FrameDecoder, lengthPrefixed } from "../../workers/sandbox/framing.ts";

const text = (body: Buffer) => body.toString("utf8");

describe("FrameDecoder", () => {
  it("reassembles frames split at every byte", () => {
    const bodies = ["first", "", "third ✓"].map((body) => Buffer.from(body));
    const bytes = lengthPrefixed(bodies);
    const decoder = new FrameDecoder(text);
    const received: unknown[] = [];
    for (let i = 0; i < bytes.length; i++) received.push(...decoder.push(bytes.subarray(i, i + 1)));
    expect(received).toEqual(["first", "", "third ✓"]);
  });

  it("decodes a large frame delivered in many chunks, and several frames in one chunk", () => {
    const big = Buffer.alloc(4_000_000, 7);
    const bytes = lengthPrefixed([big]);
    const decoder = new FrameDecoder((body) => Buffer.from(body));
    const received: unknown[] = [];
    for (let offset = 0; offset < bytes.length; offset += 65_536)
      received.push(...decoder.push(bytes.subarray(offset, offset + 65_536)));
    expect(received).toHaveLength(1);
    expect((received[0] as Buffer).equals(big)).toBe(true);
    const three = lengthPrefixed(["1", "two", "[3]"].map((body) => Buffer.from(body)));
    expect(new FrameDecoder(text).push(three)).toEqual(["1", "two", "[3]"]);
  });

  it("refuses a frame header announcing more than the limit", () => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(0xffffffff, 0);
    expect(() => new FrameDecoder(text).push(header)).toThrow(/exceeds the limit/);
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
