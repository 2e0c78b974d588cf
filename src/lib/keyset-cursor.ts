import { isUuid } from "./uuid.ts";

/** Opaque cursors for keyset pagination on (createdAt, id): stable under inserts, nothing repeated or skipped. */
export type KeysetPosition = { createdAt: Date; id: string };

export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
  constructor() {
    super("after is not a cursor returned by this API");
  }
}

export function encodeCursor(row: KeysetPosition): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): KeysetPosition {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || !isUuid(id) || Number.isNaN(createdAt.getTime())) throw new InvalidCursorError();
  return { createdAt, id };
}
