import { utcTimestamp } from "../../db.ts";
import { type $Enums, Prisma, type Question, type Topic } from "../../generated/prisma/client.ts";
import type { RankedPosition } from "../../lib/keyset-cursor.ts";
import { type ProgressStatus, progressStatusSql } from "../progress/service.ts";
import { searchMatchSql, searchRankSql } from "./search.ts";

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
const COLUMNS = Prisma.raw(
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

function whereSql(filter: QuestionListFilter): Prisma.Sql {
  const conditions = [Prisma.sql`q.status = ${filter.status}::"QuestionStatus"`];
  if (filter.kind) conditions.push(Prisma.sql`q.kind = ${filter.kind}::"QuestionKind"`);
  if (filter.difficulty) conditions.push(Prisma.sql`q.difficulty = ${filter.difficulty}::"Difficulty"`);
  if (filter.topic) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "QuestionTopic" qt JOIN "Topic" t ON t.id = qt."topicId"
      WHERE qt."questionId" = q.id AND t.slug = ${filter.topic})`);
  }
  if (filter.progress) {
    conditions.push(progressStatusSql(Prisma.sql`q.id`, filter.progress.userId, filter.progress.status));
  }
  conditions.push(...searchMatchSql(filter.terms));
  return Prisma.join(conditions, " AND ");
}

/** Rows strictly after `after` in (rank desc, createdAt asc, id asc); rank only when searching. */
function afterSql(after: RankedPosition): Prisma.Sql {
  const createdAt = utcTimestamp(after.createdAt);
  const later = Prisma.sql`(page."createdAt" > ${createdAt}
    OR (page."createdAt" = ${createdAt} AND page.id > ${after.id}::uuid))`;
  if (after.rank === null) return later;
  return Prisma.sql`(page."searchRank" < ${after.rank}::int OR (page."searchRank" = ${after.rank}::int AND ${later}))`;
}

/** `limit` rows of the page after `after` (null: from the start), each with its topics. */
export function questionPageSql(filter: QuestionListFilter, after: RankedPosition | null, limit: number): Prisma.Sql {
  const searching = filter.terms.length > 0;
  const rank = searching ? searchRankSql(filter.terms) : Prisma.raw("NULL::int");
  const order = Prisma.raw(
    searching ? `page."searchRank" DESC, page."createdAt", page.id` : `page."createdAt", page.id`,
  );
  return Prisma.sql`SELECT page.*, ${TOPICS} FROM (
      SELECT * FROM (SELECT ${COLUMNS}, ${rank} AS "searchRank" FROM "Question" q WHERE ${whereSql(filter)}) page
      ${after ? Prisma.sql`WHERE ${afterSql(after)}` : Prisma.empty}
      ORDER BY ${order} LIMIT ${limit}::int
    ) page ORDER BY ${order}`;
}

export function questionCountSql(filter: QuestionListFilter): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS "totalCount" FROM "Question" q WHERE ${whereSql(filter)}`;
}

/** Questions by slug, in one statement for every `question(slug)` of a request (aliases included). */
export function questionsBySlugSql(slugs: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT ${COLUMNS} FROM "Question" q WHERE q.slug = ANY(${[...slugs]}::text[])`;
}

export function codingProblemsSql(questionIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT * FROM "CodingProblem" WHERE "questionId" = ANY(${[...questionIds]}::uuid[])`;
}
