import { BadUserInputError } from "./domain-errors.ts";
import { isUuid } from "./uuid.ts";

/**
 * Keyset pagination on (createdAt, id): stable under inserts, nothing repeated or skipped across pages.
 * Cursors are opaque to clients; `after` is the argument name every paged list of the API uses.
 */
export type KeysetPosition = { createdAt: Date; id: string };
export type KeysetOrder = "asc" | "desc";

export type Page<T> = {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};

export function encodeCursor(row: KeysetPosition): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): KeysetPosition {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || !isUuid(id) || Number.isNaN(createdAt.getTime())) {
    throw new BadUserInputError([{ field: "after", message: "after is not a cursor returned by this API" }]);
  }
  return { createdAt, id };
}

/** The Prisma `where` fragment for rows after the cursor in `order`; null without a cursor. */
export function keysetAfter(after: string | null | undefined, order: KeysetOrder) {
  if (!after) return null;
  const position = decodeCursor(after);
  const beyond = order === "asc" ? { gt: position.createdAt } : { lt: position.createdAt };
  const beyondId = order === "asc" ? { gt: position.id } : { lt: position.id };
  return { OR: [{ createdAt: beyond }, { createdAt: position.createdAt, id: beyondId }] };
}

/** The Prisma `orderBy` that matches the cursor. */
export function keysetOrderBy(order: KeysetOrder): [{ createdAt: KeysetOrder }, { id: KeysetOrder }] {
  return [{ createdAt: order }, { id: order }];
}

/** A page from `first + 1` fetched rows (the extra row only tells that a next page exists). */
export function keysetPage<T extends KeysetPosition>(rows: readonly T[], first: number, totalCount: number): Page<T> {
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
