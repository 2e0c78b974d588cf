import { BadUserInputError } from "./domain-errors.ts";
import { isUuid } from "./uuid.ts";

/**
 * Keyset pagination on (createdAt, id): stable under inserts, nothing repeated or skipped across pages.
 * Cursors are opaque to clients. Every paged list of the API takes the Relay connection arguments:
 * `first`/`after` pages forward, `last`/`before` pages backward.
 */
export type KeysetPosition = { createdAt: Date; id: string };
export type KeysetOrder = "asc" | "desc";

/** A position in a list ranked by relevance first: `rank` (an integer, higher first), then (createdAt, id). */
export type RankedPosition = KeysetPosition & { rank: number | null };

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

type CursorArgument = "after" | "before";

type KeysetWhere = {
  OR: [{ createdAt: { gt: Date } | { lt: Date } }, { createdAt: Date; id: { gt: string } | { lt: string } }];
};

/** What to ask the database for one page, and how to turn the rows it returns into that page. */
export type KeysetWindow = {
  /**
   * Rows between the cursors as a Prisma `where` fragment; null without a cursor, and always null for a ranked
   * list, whose order Prisma cannot express: its SQL bounds the rows by `after` and `before` itself.
   */
  where: { AND: KeysetWhere[] } | null;
  /** The list's order, reversed when paging backward (the rows nearest `before` come first). */
  orderBy: [{ createdAt: KeysetOrder }, { id: KeysetOrder }];
  /** The decoded cursors (a ranked list's carry their rank). */
  after: RankedPosition | null;
  before: RankedPosition | null;
  /** One row more than the page: it only tells that the list goes on. */
  take: number;
  size: number;
  backward: boolean;
  args: PageArgs;
};

export function encodeCursor(row: KeysetPosition, rank: number | null = null): string {
  const parts = [row.createdAt.toISOString(), row.id, ...(rank === null ? [] : [String(rank)])];
  return Buffer.from(parts.join("|")).toString("base64url");
}

function cursorError(argument: CursorArgument): BadUserInputError {
  return new BadUserInputError([
    {
      field: argument,
      message: { zh: `${argument} 不是本 API 返回的游标`, en: `${argument} is not a cursor returned by this API` },
    },
  ]);
}

/** A well-formed cursor of a list in another order: say so, and what to do. */
function otherOrderingError(argument: CursorArgument, ranked: boolean): BadUserInputError {
  const mine = ranked ? "this list is ranked by relevance (it has a search)" : "this list is in date order";
  const theirs = ranked ? "a list in date order" : "a search ranked by relevance";
  const mineZh = ranked ? "这个列表按相关度排序（带有搜索）" : "这个列表按日期排序";
  const theirsZh = ranked ? "按日期排序的列表" : "按相关度排序的搜索";
  return new BadUserInputError([
    {
      field: argument,
      message: {
        zh:
          `${argument} 是${theirsZh}的游标，而${mineZh}：游标只能用于产生它的排序和筛选。` +
          "搜索或筛选改变后，请重新请求第一页（不带 after/before）。",
        en:
          `${argument} is a cursor of ${theirs}, but ${mine}: a cursor works only with the ordering and filter it ` +
          "came from. Ask for the first page again (without after/before) when the search or filter changes.",
      },
    },
  ]);
}

export function decodeCursor(cursor: string, argument: CursorArgument = "after"): RankedPosition {
  const [iso, id, rankText, ...rest] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(iso ?? "");
  const rank = rankText === undefined ? null : Number(rankText);
  // Ranks are non-negative and fit a 32-bit integer, as the SQL compares them.
  const badRank = rank !== null && !/^\d{1,9}$/.test(rankText ?? "");
  // Only what encodeCursor writes: a four-digit year (an expanded year such as +275760 is a valid Date that the
  // database's timestamp type refuses, so it would fail as an internal error instead of the client's).
  const written = !Number.isNaN(createdAt.getTime()) && /^\d{4}-/.test(iso ?? "") && createdAt.toISOString() === iso;
  if (!id || !isUuid(id) || !written || badRank || rest.length > 0) {
    throw cursorError(argument);
  }
  return { createdAt, id, rank };
}

/** A cursor of this list: ranked exactly when the list is (a cursor belongs to its ordering). */
function decodeListCursor(cursor: string | null | undefined, argument: CursorArgument, ranked: boolean) {
  if (!cursor) return null;
  const position = decodeCursor(cursor, argument);
  if ((position.rank !== null) !== ranked) throw otherOrderingError(argument, ranked);
  return position;
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
 * after `after`, or the `last` rows before `before`; both cursors may bound the same window. A `ranked` list
 * (ordered by a relevance first, see encodeCursor's rank) takes only cursors that carry a rank, others none.
 */
export function keysetWindow(args: PageArgs, order: KeysetOrder, defaultSize: number, ranked = false): KeysetWindow {
  if (args.first != null && args.last != null) {
    throw new BadUserInputError([
      {
        field: "last",
        message: {
          zh: "请用 first/after 或 last/before，不要同时给出 first 和 last",
          en: "use first/after or last/before, not both first and last",
        },
      },
    ]);
  }
  const backward = args.last != null;
  const size = args.last ?? args.first ?? defaultSize;
  const after = decodeListCursor(args.after, "after", ranked);
  const before = decodeListCursor(args.before, "before", ranked);
  const bounds: KeysetWhere[] = [];
  if (after) bounds.push(beyond(after, order));
  if (before) bounds.push(beyond(before, reverse(order)));
  const walk = backward ? reverse(order) : order;
  return {
    where: !ranked && bounds.length > 0 ? { AND: bounds } : null,
    orderBy: [{ createdAt: walk }, { id: walk }],
    after,
    before,
    take: size + 1,
    size,
    backward,
    args,
  };
}

/**
 * The page from the rows fetched for `window`, in the window's walking order. The far side of a cursor is
 * reported as Relay allows: a page after `after` has a previous page (the cursor's own row at least), one before
 * `before` a next. `rankOf` gives a ranked list's rows their rank, which their cursors carry.
 */
export function keysetPage<T extends KeysetPosition>(
  rows: readonly T[],
  window: KeysetWindow,
  totalCount: number,
  rankOf: (row: T) => number | null = () => null,
): Page<T> {
  const inPage = rows.slice(0, window.size);
  if (window.backward) inPage.reverse();
  const edges = inPage.map((node) => ({ cursor: encodeCursor(node, rankOf(node)), node }));
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
