// Frames between the pool and an isolate executor (executor-handle.ts, executor-process.ts): V8-serialized
// (structured clone keeps typed arrays typed), but the bytes of typed arrays travel after the body, out of band
// (they were inside it, behind framing.ts's length, before). The sender writes them straight from the arrays (no copy: Node's serializer copies each into its
// growing buffer, then the frame was copied once more behind its header), and the receiver copies each chunk once,
// into the array's own buffer, instead of joining the whole frame and copying each array out of it again. For
// matmul's 256³ performance test (4 MB of inputs in one request) encoding took 3.3–4 ms of CPU and now 0.1 ms;
// with half the large allocations left (less GC on both sides), a grading with that test went from 144–159 to
// 116–124 ms of CPU (whole process tree, measured back to back).
//
// Layout, every number a big-endian uint32: the length of the rest of the frame; the body's length; the number
// of segments; per segment its kind (VIEW_KINDS) and byte length; the body; then each segment's bytes, in order.
// This file runs inside the executor's sandbox too, so it imports nothing of the project.
import type { Writable } from "node:stream";
import { DefaultDeserializer, DefaultSerializer } from "node:v8";

const PREFIX_BYTES = 12;
const SEGMENT_ENTRY_BYTES = 8;
/** A frame larger than this is a protocol fault, not a message (results are size-capped well below). */
export const MAX_BULK_FRAME_BYTES = 512 * 1024 * 1024;
/** The view is in the body, as Node's serializer writes it (a kind this file does not know). */
const IN_BAND = 0xffffffff;

type ViewKind = { name: string; bytesPerElement: number; create: (buffer: ArrayBuffer) => ArrayBufferView };
const TYPED_ARRAYS = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
];
// The kinds' order is the wire's (their indices travel in frames). Buffer is a kind of its own, as in Node's
// serializer: decoded as a Uint8Array it would lose its methods.
const VIEW_KINDS: readonly ViewKind[] = [
  ...TYPED_ARRAYS.map((View) => ({
    name: View.name,
    bytesPerElement: View.BYTES_PER_ELEMENT,
    create: (buffer: ArrayBuffer) => new View(buffer),
  })),
  { name: "DataView", bytesPerElement: 1, create: (buffer) => new DataView(buffer) },
  { name: "Buffer", bytesPerElement: 1, create: (buffer) => Buffer.from(buffer) },
];
const KIND_INDEX = new Map(VIEW_KINDS.map(({ name }, index) => [name, index]));
const BUFFER_KIND = VIEW_KINDS.length - 1;

const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)
  ?.get as (this: ArrayBufferView) => string | undefined;

/** Node's own host-object hooks, which its type declarations leave out. */
type HostObjectHooks = {
  _writeHostObject(this: DefaultSerializer, view: ArrayBufferView): void;
  _readHostObject(this: DefaultDeserializer): unknown;
};
const defaultWrite = (DefaultSerializer.prototype as unknown as HostObjectHooks)._writeHostObject;
const defaultRead = (DefaultDeserializer.prototype as unknown as HostObjectHooks)._readHostObject;

function kindOf(view: ArrayBufferView): number {
  if (view.constructor === Buffer) return BUFFER_KIND;
  const name = view instanceof DataView ? "DataView" : typedArrayTag.call(view);
  return (name === undefined ? undefined : KIND_INDEX.get(name)) ?? IN_BAND;
}

class SegmentSerializer extends DefaultSerializer {
  readonly segments: { kind: number; view: ArrayBufferView }[] = [];

  _writeHostObject(view: ArrayBufferView): void {
    const kind = kindOf(view);
    if (kind === IN_BAND) {
      this.writeUint32(IN_BAND);
      defaultWrite.call(this, view);
      return;
    }
    this.writeUint32(this.segments.length);
    this.segments.push({ kind, view });
  }
}

class SegmentDeserializer extends DefaultDeserializer {
  readonly #views: readonly ArrayBufferView[];

  constructor(body: Buffer, views: readonly ArrayBufferView[]) {
    super(body);
    this.#views = views;
  }

  _readHostObject(): unknown {
    const index = this.readUint32();
    if (index === IN_BAND) return defaultRead.call(this);
    const view = this.#views[index];
    if (!view) throw new Error(`frame refers to a missing segment ${index}`);
    return view;
  }
}

/** The frame of `message`, as buffers to write in order; typed arrays' bytes are not copied, so they must not change until written. */
export function encodeBulkFrame(message: unknown): Buffer[] {
  const serializer = new SegmentSerializer();
  serializer.writeHeader();
  serializer.writeValue(message);
  const body = serializer.releaseBuffer();
  const { segments } = serializer;
  const head = Buffer.allocUnsafe(PREFIX_BYTES + SEGMENT_ENTRY_BYTES * segments.length);
  let rest = PREFIX_BYTES - 4 + SEGMENT_ENTRY_BYTES * segments.length + body.length;
  segments.forEach(({ kind, view }, index) => {
    head.writeUInt32BE(kind, PREFIX_BYTES + SEGMENT_ENTRY_BYTES * index);
    head.writeUInt32BE(view.byteLength, PREFIX_BYTES + SEGMENT_ENTRY_BYTES * index + 4);
    rest += view.byteLength;
  });
  head.writeUInt32BE(rest, 0);
  head.writeUInt32BE(body.length, 4);
  head.writeUInt32BE(segments.length, 8);
  const bytes = segments.map(({ view }) => Buffer.from(view.buffer, view.byteOffset, view.byteLength));
  return [head, body, ...bytes.filter((part) => part.length > 0)];
}

/** Writes `message` as one frame (corked: one system call for all its parts). */
export function writeBulkFrame(stream: Pick<Writable, "cork" | "uncork" | "write">, message: unknown): void {
  const parts = encodeBulkFrame(message);
  stream.cork();
  for (const part of parts) stream.write(part);
  stream.uncork();
}

/** A part of a frame being received, filled by copying from the chunks as they come. */
type Target = { bytes: Uint8Array; filled: number };

const NOT_YET: unique symbol = Symbol("not yet");

/** Accumulates chunks of a byte stream and yields each complete message (see the layout above). */
export class BulkFrameDecoder {
  readonly #maxFrameBytes: number;
  #phase: "prefix" | "meta" | "segments" = "prefix";
  #prefix: Target = { bytes: new Uint8Array(PREFIX_BYTES), filled: 0 };
  /** The segment table, then the body. */
  #meta: Target = { bytes: new Uint8Array(0), filled: 0 };
  #bodyBytes = 0;
  /** Bytes of the segments, as the prefix announced them. */
  #segmentBytes = 0;
  /** Each segment's buffer is allocated when its first byte comes, not when the table announces it. */
  #segments: { kind: ViewKind; byteLength: number; view?: ArrayBufferView; target?: Target }[] = [];
  #next = 0;

  constructor(maxFrameBytes = MAX_BULK_FRAME_BYTES) {
    this.#maxFrameBytes = maxFrameBytes;
  }

  push(chunk: Buffer): unknown[] {
    const messages: unknown[] = [];
    let offset = 0;
    for (;;) {
      const target = this.#target();
      if (target && target.filled < target.bytes.length) {
        if (offset === chunk.length) return messages;
        const count = Math.min(target.bytes.length - target.filled, chunk.length - offset);
        target.bytes.set(chunk.subarray(offset, offset + count), target.filled);
        target.filled += count;
        offset += count;
        continue;
      }
      const message = this.#complete();
      if (message !== NOT_YET) messages.push(message);
    }
  }

  /** What the next bytes fill (null: no segment is left). */
  #target(): Target | null {
    if (this.#phase === "prefix") return this.#prefix;
    if (this.#phase === "meta") return this.#meta;
    const segment = this.#segments[this.#next];
    if (!segment) return null;
    if (!segment.target) {
      // Not zeroed (as the frame's bytes were not either): the length checks make every byte arrive before use.
      const { buffer } = Buffer.allocUnsafeSlow(segment.byteLength);
      segment.view = segment.kind.create(buffer);
      segment.target = { bytes: new Uint8Array(buffer), filled: 0 };
    }
    return segment.target;
  }

  /** Moves past the part just filled; returns the message once its last part is in. */
  #complete(): unknown {
    if (this.#phase === "prefix") this.#readPrefix();
    else if (this.#phase === "meta") this.#readTable();
    else {
      if (this.#next < this.#segments.length) this.#next++;
      if (this.#next >= this.#segments.length) return this.#finish();
    }
    return NOT_YET;
  }

  #readPrefix(): void {
    const prefix = Buffer.from(this.#prefix.bytes.buffer);
    const rest = prefix.readUInt32BE(0);
    const bodyBytes = prefix.readUInt32BE(4);
    const segments = prefix.readUInt32BE(8);
    if (rest > this.#maxFrameBytes) throw new Error(`frame of ${rest} bytes exceeds the limit`);
    const metaBytes = SEGMENT_ENTRY_BYTES * segments + bodyBytes;
    if (metaBytes + PREFIX_BYTES - 4 > rest) throw new Error("malformed frame header");
    // Each segment is referred to in the body (a tag byte and its index): more would only build a table for nothing.
    if (segments * 2 > bodyBytes) throw new Error("malformed frame header: more segments than the body refers to");
    this.#bodyBytes = bodyBytes;
    this.#segmentBytes = rest - (metaBytes + PREFIX_BYTES - 4);
    this.#meta = { bytes: new Uint8Array(metaBytes), filled: 0 };
    this.#phase = "meta";
  }

  #readTable(): void {
    const table = Buffer.from(this.#meta.bytes.buffer, 0, this.#meta.bytes.length - this.#bodyBytes);
    let total = 0;
    this.#segments = [];
    for (let entry = 0; entry < table.length; entry += SEGMENT_ENTRY_BYTES) {
      const kind = VIEW_KINDS[table.readUInt32BE(entry)];
      const byteLength = table.readUInt32BE(entry + 4);
      total += byteLength;
      if (!kind || byteLength % kind.bytesPerElement !== 0 || total > this.#segmentBytes)
        throw new Error("malformed frame segment");
      this.#segments.push({ kind, byteLength });
    }
    if (total !== this.#segmentBytes) throw new Error("frame length disagrees with its segments");
    this.#next = 0;
    this.#phase = "segments";
  }

  #finish(): unknown {
    const meta = this.#meta.bytes;
    const body = Buffer.from(meta.buffer, meta.length - this.#bodyBytes, this.#bodyBytes);
    const views = this.#segments.flatMap((segment) => (segment.view ? [segment.view] : []));
    if (views.length !== this.#segments.length) throw new Error("frame ended before its segments");
    const deserializer = new SegmentDeserializer(body, views);
    this.#phase = "prefix";
    this.#prefix.filled = 0;
    this.#segments = [];
    deserializer.readHeader();
    return deserializer.readValue();
  }
}
