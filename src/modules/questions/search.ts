import { Prisma } from "../../generated/prisma/client.ts";
import { searchQueryTerms } from "../../lib/text/search.ts";

/**
 * Search terms: the query's words as src/lib/text normalises them (the self-check's words: Chinese segmented,
 * English in American spelling and stemmed, compounds and camel case split), words with symbols as typed. Every term
 * must occur in a question's search text (content/derive.ts: slug, titles, statement, key points and their
 * keywords, topic names, zh and en, as written and as canonical words), found by substring, so Chinese needs no
 * agreement on word boundaries: "矩阵" matches inside "高性能矩阵乘法", and "KV缓存" (kv + 缓存) matches "KV 缓存".
 */
export function searchTerms(search: string | null | undefined): string[] {
  return searchQueryTerms(search);
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

// The first two lines of the search text: the slug and its canonical words, the titles and theirs. A query whose
// words are exactly the slug's ("online softmax", "quantize int8") names the question.
const SLUG_LINE = Prisma.sql`split_part(q."searchText", E'\\n', 1)`;
const TITLE_LINE = Prisma.sql`split_part(q."searchText", E'\\n', 2)`;

/** The relevance of a matching row (an integer, higher first); ties fall back to the stable cursor order. */
export function searchRankSql(terms: readonly string[]): Prisma.Sql {
  const occurrences = Prisma.join(
    terms.map((term) => Prisma.sql`(length(q."searchText") - length(replace(q."searchText", ${term}, '')))::float8`),
    " + ",
  );
  return Prisma.sql`(CASE
      WHEN ${SLUG_LINE} = q.slug || ' ' || ${terms.join(" ")} THEN ${TIER_EXACT_SLUG}
      WHEN ${everyTermIn(SLUG_LINE, terms)} THEN ${TIER_SLUG}
      WHEN ${everyTermIn(TITLE_LINE, terms)} THEN ${TIER_TITLE}
      ELSE 0 END) * ${TIER_SCALE}
    + least(${WITHIN_TIER_MAX}, round(${TIER_SCALE} * (${occurrences}) / greatest(1, length(q."searchText"))))::int`;
}
