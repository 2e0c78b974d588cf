import { BadUserInputError } from "./domain-errors.ts";
import { isUuid } from "./uuid.ts";

/**
 * Keyset pagination on (createdAt, id): stable under inserts, nothing repeated or skipped across pages.
 * Cursors are opaque to clients. Every paged list of the API takes the Relay connection arguments:
 * `first`/`after` pages forward, `last`/`before` pages backward.
 */
export type KeysetPosition = { createdAt: Date; id: string };
export type KeysetOrder = "asc" | "desc";

export type PageArgs = {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
};

export type Page<T> = {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
};

type KeysetWhere = {
  OR: [{ createdAt: { gt: Date } | { lt: Date } }, { createdAt: Date; id: { gt: string } | { lt: string } }];
};

/** What to ask the database for one page, and how to turn the rows it returns into that page. */
export type KeysetWindow = {
  /** Rows between the cursors; null without a cursor. */
  where: { AND: KeysetWhere[] } | null;
  /** The list's order, reversed when paging backward (the rows nearest `before` come first). */
  orderBy: [{ createdAt: KeysetOrder }, { id: KeysetOrder }];
  /** One row more than the page: it only tells that the list goes on. */
  take: number;
  size: number;
  backward: boolean;
  args: PageArgs;
};

export function encodeCursor(row: KeysetPosition): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string, argument: "after" | "before" = "after"): KeysetPosition {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || !isUuid(id) || Number.isNaN(createdAt.getTime())) {
    throw new BadUserInputError([{ field: argument, message: `${argument} is not a cursor returned by this API` }]);
  }
  return { createdAt, id };
}

const reverse = (order: KeysetOrder): KeysetOrder => (order === "asc" ? "desc" : "asc");

/** The Prisma `where` fragment for rows beyond `position` when walking in `order`. */
function beyond(position: KeysetPosition, order: KeysetOrder): KeysetWhere {
  const createdAt = order === "asc" ? { gt: position.createdAt } : { lt: position.createdAt };
  const id = order === "asc" ? { gt: position.id } : { lt: position.id };
  return { OR: [{ createdAt }, { createdAt: position.createdAt, id }] };
}

/**
 * The window for the connection arguments of a list in `order`: `first` (default `defaultSize`) rows
 * after `after`, or the `last` rows before `before`; both cursors may bound the same window.
 */
export function keysetWindow(args: PageArgs, order: KeysetOrder, defaultSize: number): KeysetWindow {
  if (args.first != null && args.last != null) {
    throw new BadUserInputError([
      { field: "last", message: "use first/after or last/before, not both first and last" },
    ]);
  }
  const backward = args.last != null;
  const size = args.last ?? args.first ?? defaultSize;
  const bounds: KeysetWhere[] = [];
  if (args.after) bounds.push(beyond(decodeCursor(args.after, "after"), order));
  if (args.before) bounds.push(beyond(decodeCursor(args.before, "before"), reverse(order)));
  const walk = backward ? reverse(order) : order;
  return {
    where: bounds.length > 0 ? { AND: bounds } : null,
    orderBy: [{ createdAt: walk }, { id: walk }],
    take: size + 1,
    size,
    backward,
    args,
  };
}

/**
 * The page from the rows fetched for `window`. The far side of a cursor is reported as Relay allows:
 * a page after `after` has a previous page (the cursor's own row at least), one before `before` a next.
 */
export function keysetPage<T extends KeysetPosition>(
  rows: readonly T[],
  window: KeysetWindow,
  totalCount: number,
): Page<T> {
  const inPage = rows.slice(0, window.size);
  if (window.backward) inPage.reverse();
  const edges = inPage.map((node) => ({ cursor: encodeCursor(node), node }));
  const more = rows.length > window.size;
  return {
    edges,
    pageInfo: {
      hasNextPage: window.backward ? window.args.before != null : more,
      hasPreviousPage: window.backward ? more : window.args.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}
