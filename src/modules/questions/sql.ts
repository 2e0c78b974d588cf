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

/** A question as the API reads it: every column but the search text. */
export type QuestionRow = Omit<Question, "searchText">;

/** A page row: the question without its search text, its topics by slug, and its relevance when searching. */
export type QuestionListRow = QuestionRow & { topicList: Topic[]; searchRank: number | null };

// Every column of "Question" but the search text (kilobytes per row that no field returns), from Prisma's own list
// of the model's columns, so a column added to the model is read here too.
export const QUESTION_COLUMNS = Prisma.raw(
  Object.values(Prisma.QuestionScalarFieldEnum)
    .filter((column) => column !== "searchText")
    .map((column) => `q."${column}"`)
    .join(", "),
);

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
  const searching = search !== null;
  const rank = search ? search.rank : Prisma.raw("NULL::int");
  const from = search ? Prisma.sql`"Question" q ${search.join} ${search.rankJoin}` : Prisma.sql`"Question" q`;
  const [asc, desc] = window.backward ? ["DESC", "ASC"] : ["ASC", "DESC"];
  const order = Prisma.raw(
    searching
      ? `page."searchRank" ${desc}, page."createdAt" ${asc}, page.id ${asc}`
      : `page."createdAt" ${asc}, page.id ${asc}`,
  );
  const bounds = [
    ...(window.after ? [beyondSql(window.after, true)] : []),
    ...(window.before ? [beyondSql(window.before, false)] : []),
  ];
  return Prisma.sql`SELECT page.*, ${TOPICS} FROM (
      SELECT * FROM (SELECT ${QUESTION_COLUMNS}, ${rank} AS "searchRank" FROM ${from} WHERE ${whereSql(filter, search)}) page
      ${bounds.length > 0 ? Prisma.sql`WHERE ${Prisma.join(bounds, " AND ")}` : Prisma.empty}
      ORDER BY ${order} LIMIT ${window.take}::int
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
