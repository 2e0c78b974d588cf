// Length-prefixed frames on a byte stream: a 4-byte big-endian length, then the body. The Python runtime's
// pipes use them (the body is values.ts's JSON head and binary tail); isolate executors have frames of their own
// (bulk-frames.ts). It needs no inherited IPC descriptor or environment variable and works unchanged under
// bubblewrap.

const HEADER_BYTES = 4;
/** A frame larger than this is a protocol fault, not a message (results are size-capped well below). */
export const MAX_FRAME_BYTES = 512 * 1024 * 1024;

/** Each body with its length before it, one after another (FrameDecoder reads them back). */
export function lengthPrefixed(bodies: readonly Buffer[]): Buffer {
  return Buffer.concat(
    bodies.flatMap((body) => {
      const header = Buffer.allocUnsafe(HEADER_BYTES);
      header.writeUInt32BE(body.length, 0);
      return [header, body];
    }),
  );
}

/** Accumulates chunks of a byte stream and yields each complete frame's body, decoded by `decodeBody`. */
export class FrameDecoder {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  readonly #decodeBody: (body: Buffer) => unknown;
  readonly #maxFrameBytes: number;

  constructor(decodeBody: (body: Buffer) => unknown, maxFrameBytes = MAX_FRAME_BYTES) {
    this.#decodeBody = decodeBody;
    this.#maxFrameBytes = maxFrameBytes;
  }

  push(chunk: Buffer): unknown[] {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    const messages: unknown[] = [];
    while (this.#pendingBytes >= HEADER_BYTES) {
      if (this.#pending[0].length < HEADER_BYTES) this.#pending = [Buffer.concat(this.#pending)];
      const length = this.#pending[0].readUInt32BE(0);
      if (length > this.#maxFrameBytes) throw new Error(`frame of ${length} bytes exceeds the limit`);
      // Concatenate only once a whole frame has arrived: large results come in many chunks.
      if (this.#pendingBytes < HEADER_BYTES + length) break;
      const buffered = this.#pending.length === 1 ? this.#pending[0] : Buffer.concat(this.#pending, this.#pendingBytes);
      messages.push(this.#decodeBody(buffered.subarray(HEADER_BYTES, HEADER_BYTES + length)));
      const rest = buffered.subarray(HEADER_BYTES + length);
      this.#pending = rest.length > 0 ? [rest] : [];
      this.#pendingBytes = rest.length;
    }
    return messages;
  }
}
