import { utcTimestamp } from "../../db.ts";
import { type $Enums, Prisma, type Question, type Topic } from "../../generated/prisma/client.ts";
import type { KeysetWindow, RankedPosition } from "../../lib/keyset-cursor.ts";
import { type ProgressStatus, progressStatusSql } from "../progress/service.ts";
import { type SearchSql, searchSql } from "./search.ts";

/**
 * The SQL of the questions module's hot reads, written once: the API sends it through `queryRows` (src/db.ts) and
 * the benchmark's bare `pg` floor server sends the very same text. The list is two statements (page with its
 * topics, and count); Prisma's `findMany` could not order it by a computed relevance.
 */
export type QuestionListFilter = {
  status: $Enums.QuestionStatus;
  kind?: $Enums.QuestionKind | null;
  difficulty?: $Enums.Difficulty | null;
  /** Topic slug. */
  topic?: string | null;
  /** Track slug. */
  track?: string | null;
  progress?: { userId: string; status: ProgressStatus } | null;
  /** Lower-cased search terms; with any, the page is ordered by relevance first. */
  terms: readonly string[];
};

/** Columns only search reads: the search text and what ranking needs of it (kept from it by a trigger). */
const SEARCH_COLUMNS = ["searchText", "searchSlugLine", "searchTitleLine", "searchLength"] as const;

/** A question as the API reads it: every column but the search columns. */
export type QuestionRow = Omit<Question, (typeof SEARCH_COLUMNS)[number]>;

/**
 * A page row: the question without its search text, its topics by slug, and its relevance when searching; a
 * search's rows also carry how many questions match in all (the statement ranks them all anyway).
 */
export type QuestionListRow = QuestionRow & { topicList: Topic[]; searchRank: number | null; totalCount?: number };

// Every column of "Question" but the search columns (the text is kilobytes per row that no field returns), from
// Prisma's own list of the model's columns, so a column added to the model is read here too.
const QUESTION_COLUMN_NAMES = Object.values(Prisma.QuestionScalarFieldEnum).filter(
  (column) => !(SEARCH_COLUMNS as readonly string[]).includes(column),
);
export const QUESTION_COLUMNS = Prisma.raw(QUESTION_COLUMN_NAMES.map((column) => `q."${column}"`).join(", "));

const TOPICS = Prisma.raw(
  `(SELECT coalesce(json_agg(json_build_object('id', t.id, 'slug', t.slug, 'nameZh', t."nameZh", 'nameEn', t."nameEn")
     ORDER BY t.slug), '[]'::json)
   FROM "QuestionTopic" qt JOIN "Topic" t ON t.id = qt."topicId" WHERE qt."questionId" = page.id) AS "topicList"`,
);

function whereSql(filter: QuestionListFilter, search: SearchSql | null): Prisma.Sql {
  const conditions = [Prisma.sql`q.status = ${filter.status}::"QuestionStatus"`];
  if (filter.kind) conditions.push(Prisma.sql`q.kind = ${filter.kind}::"QuestionKind"`);
  if (filter.difficulty) conditions.push(Prisma.sql`q.difficulty = ${filter.difficulty}::"Difficulty"`);
  if (filter.topic) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "QuestionTopic" qt JOIN "Topic" t ON t.id = qt."topicId"
      WHERE qt."questionId" = q.id AND t.slug = ${filter.topic})`);
  }
  if (filter.track) {
    // The tracks module owns the tables; the catalogue only filters by them (tracks import questions, not back).
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "TrackItem" ti JOIN "Track" t ON t.id = ti."trackId"
      WHERE ti."questionId" = q.id AND t.slug = ${filter.track})`);
  }
  if (filter.progress) {
    conditions.push(progressStatusSql(Prisma.sql`q.id`, filter.progress.userId, filter.progress.status));
  }
  if (search) conditions.push(...search.where);
  return Prisma.join(conditions, " AND ");
}

/**
 * Rows strictly beyond `position` in the list's order (rank desc, createdAt asc, id asc; rank only when
 * searching), or strictly before it when `forward` is false.
 */
function beyondSql(position: RankedPosition, forward: boolean): Prisma.Sql {
  const createdAt = utcTimestamp(position.createdAt);
  const later = Prisma.raw(forward ? ">" : "<");
  const lower = Prisma.raw(forward ? "<" : ">");
  const beyondTime = Prisma.sql`(page."createdAt" ${later} ${createdAt}
    OR (page."createdAt" = ${createdAt} AND page.id ${later} ${position.id}::uuid))`;
  if (position.rank === null) return beyondTime;
  return Prisma.sql`(page."searchRank" ${lower} ${position.rank}::int
    OR (page."searchRank" = ${position.rank}::int AND ${beyondTime}))`;
}

/**
 * The rows of `window` (keysetWindow: between its cursors, `take` of them, nearest `before` first when paging
 * backward), each with its topics.
 */
export function questionPageSql(filter: QuestionListFilter, window: KeysetWindow): Prisma.Sql {
  const search = filter.terms.length > 0 ? searchSql(filter.terms) : null;
  const [asc, desc] = window.backward ? ["DESC", "ASC"] : ["ASC", "DESC"];
  const bounds = [
    ...(window.after ? [beyondSql(window.after, true)] : []),
    ...(window.before ? [beyondSql(window.before, false)] : []),
  ];
  const bounded = bounds.length > 0 ? Prisma.sql`WHERE ${Prisma.join(bounds, " AND ")}` : Prisma.empty;
  if (!search) {
    const order = Prisma.raw(`page."createdAt" ${asc}, page.id ${asc}`);
    return Prisma.sql`SELECT page.*, ${TOPICS} FROM (
        SELECT * FROM (SELECT ${QUESTION_COLUMNS}, NULL::int AS "searchRank" FROM "Question" q WHERE ${whereSql(filter, null)}) page
        ${bounded}
        ORDER BY ${order} LIMIT ${window.take}::int
      ) page ORDER BY ${order}`;
  }
  // Ranked: every match is ranked from a few narrow columns, and only the page's rows are read whole (a match's
  // row is ~1.9 kB; 1,248 matches for "attention" on the scale bench's catalogue). Every match is ranked, so the
  // same pass counts them (before the cursors' bounds, which a window function keeps out of the subquery): a
  // second statement would find every match again (5–7 ms of the ~20 ms for "attention" there).
  const order = Prisma.raw(`page."searchRank" ${desc}, page."createdAt" ${asc}, page.id ${asc}`);
  return Prisma.sql`SELECT page.*, ${TOPICS} FROM (
      SELECT ${QUESTION_COLUMNS}, top."searchRank", top."totalCount" FROM (
        SELECT * FROM (
          SELECT q.id, q."createdAt", ${search.rank} AS "searchRank", count(*) OVER ()::int AS "totalCount"
          FROM "Question" q ${search.join} WHERE ${whereSql(filter, search)}
        ) page
        ${bounded}
        ORDER BY ${order} LIMIT ${window.take}::int
      ) top JOIN "Question" q ON q.id = top.id
    ) page ORDER BY ${order}`;
}

export function questionCountSql(filter: QuestionListFilter): Prisma.Sql {
  const search = filter.terms.length > 0 ? searchSql(filter.terms) : null;
  return Prisma.sql`SELECT count(*)::int AS "totalCount" FROM "Question" q ${search ? search.join : Prisma.empty}
    WHERE ${whereSql(filter, search)}`;
}

/** Questions by slug, in one statement for every `question(slug)` of a request (aliases included). */
export function questionsBySlugSql(slugs: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT ${QUESTION_COLUMNS} FROM "Question" q WHERE q.slug = ANY(${[...slugs]}::text[])`;
}

export function codingProblemsSql(questionIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT * FROM "CodingProblem" WHERE "questionId" = ANY(${[...questionIds]}::uuid[])`;
}
