import { BadUserInputError } from "./domain-errors.ts";

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

/** A position in a list ranked by relevance first: `rank` (an integer, higher first), then (createdAt, id). */
export type RankedPosition = KeysetPosition & { rank: number | null };

export function encodeCursor(row: KeysetPosition, rank: number | null = null): string {
  const parts = [row.createdAt.toISOString(), row.id, ...(rank === null ? [] : [String(rank)])];
  return Buffer.from(parts.join("|")).toString("base64url");
}

export function cursorError(): BadUserInputError {
  return new BadUserInputError([{ field: "after", message: "after is not a cursor returned by this API" }]);
}

export function decodeCursor(cursor: string): RankedPosition {
  const [iso, id, rankText, ...rest] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(iso ?? "");
  const rank = rankText === undefined ? null : Number(rankText);
  // Ranks are non-negative and fit a 32-bit integer, as the SQL compares them.
  const badRank = rank !== null && !/^\d{1,9}$/.test(rankText ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime()) || badRank || rest.length > 0) {
    throw cursorError();
  }
  return { createdAt, id, rank };
}

/** The Prisma `where` fragment for rows after the cursor in `order`; null without a cursor. */
export function keysetAfter(after: string | null | undefined, order: KeysetOrder) {
  if (!after) return null;
  const position = decodeCursor(after);
  if (position.rank !== null) throw cursorError();
  const beyond = order === "asc" ? { gt: position.createdAt } : { lt: position.createdAt };
  const beyondId = order === "asc" ? { gt: position.id } : { lt: position.id };
  return { OR: [{ createdAt: beyond }, { createdAt: position.createdAt, id: beyondId }] };
}

/** The Prisma `orderBy` that matches the cursor. */
export function keysetOrderBy(order: KeysetOrder): [{ createdAt: KeysetOrder }, { id: KeysetOrder }] {
  return [{ createdAt: order }, { id: order }];
}

/** A page from `first + 1` fetched rows (the extra row only tells that a next page exists). */
export function keysetPage<T extends KeysetPosition>(
  rows: readonly T[],
  first: number,
  totalCount: number,
  rankOf: (row: T) => number | null = () => null,
): Page<T> {
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor(node, rankOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
