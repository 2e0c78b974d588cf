import { Prisma } from "../../generated/prisma/client.ts";

/**
 * Search terms: the lower-cased, whitespace-separated words of the query. Every term must occur in a question's
 * search text (title, statement, key points and their keywords, topic names, zh and en), found by substring, so
 * Chinese needs no segmenter: "矩阵" matches inside "高性能矩阵乘法", where a segmenter or pg_trgm's word
 * similarity would have to agree on word boundaries first.
 */
export function searchTerms(search: string | null | undefined): string[] {
  return search?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
}

/** A LIKE pattern for "contains term": the trigram GIN index on "searchText" serves it (Chinese included). */
function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Rows whose search text holds every term. */
export function searchMatchSql(terms: readonly string[]): Prisma.Sql[] {
  return terms.map((term) => Prisma.sql`q."searchText" LIKE ${containsPattern(term)}`);
}

// Tiers of the weighted document, highest first. A slug names what a question is about (matmul, online-softmax),
// so a query equal to it, or whose every word is in it, outranks a title that only mentions the words
// (conv-classifier's title ends in "softmax"); a title outranks the statement, key points and topic names.
const TIER_EXACT_SLUG = Prisma.raw("3");
const TIER_SLUG = Prisma.raw("2");
const TIER_TITLE = Prisma.raw("1");
// Within a tier the rank is the share of the search text the terms fill (term frequency normalised by length),
// in millionths: "矩阵" fills 0.63 % of matrix-multiplication-optimization's text, 0.42 % of matmul's and 0.32 %
// of classification-metrics' (whose title says "confusion matrix"). Integer ranks keep cursors exact.
const TIER_SCALE = Prisma.raw("1000000");
const WITHIN_TIER_MAX = Prisma.raw("999999");

function everyTermIn(field: Prisma.Sql, terms: readonly string[]): Prisma.Sql {
  return Prisma.join(
    terms.map((term) => Prisma.sql`strpos(${field}, ${term}) > 0`),
    " AND ",
  );
}

/** The relevance of a matching row (an integer, higher first); ties fall back to the stable cursor order. */
export function searchRankSql(terms: readonly string[]): Prisma.Sql {
  const slugForm = terms.join("-");
  const title = Prisma.sql`lower(q."titleZh" || ' ' || coalesce(q."titleEn", ''))`;
  const occurrences = Prisma.join(
    terms.map((term) => Prisma.sql`(length(q."searchText") - length(replace(q."searchText", ${term}, '')))::float8`),
    " + ",
  );
  return Prisma.sql`(CASE
      WHEN q.slug = ${slugForm} THEN ${TIER_EXACT_SLUG}
      WHEN ${everyTermIn(Prisma.sql`q.slug`, terms)} THEN ${TIER_SLUG}
      WHEN ${everyTermIn(title, terms)} THEN ${TIER_TITLE}
      ELSE 0 END) * ${TIER_SCALE}
    + least(${WITHIN_TIER_MAX}, round(${TIER_SCALE} * (${occurrences}) / greatest(1, length(q."searchText"))))::int`;
}
