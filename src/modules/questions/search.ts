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

/**
 * How a search reads the questions: tables joined to `"Question" q`, conditions on them, and the rank (an integer,
 * higher first; ties fall back to the stable cursor order).
 */
export type SearchSql = { join: Prisma.Sql; where: Prisma.Sql[]; rank: Prisma.Sql };

/** A LIKE pattern for "contains term", which a trigram GIN index serves (Chinese included). */
function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
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

/**
 * The rank from the search text's first line (the slug and its canonical words: a query whose words are exactly
 * the slug's, "online softmax" or "quantize int8", names the question), its second (the titles and theirs), the
 * characters the terms fill (float8) and the text's length.
 */
function rankSql(
  terms: readonly string[],
  lines: { slug: Prisma.Sql; title: Prisma.Sql },
  filled: Prisma.Sql,
  length: Prisma.Sql,
): Prisma.Sql {
  return Prisma.sql`(CASE
      WHEN ${lines.slug} = q.slug || ' ' || ${terms.join(" ")} THEN ${TIER_EXACT_SLUG}
      WHEN ${everyTermIn(lines.slug, terms)} THEN ${TIER_SLUG}
      WHEN ${everyTermIn(lines.title, terms)} THEN ${TIER_TITLE}
      ELSE 0 END) * ${TIER_SCALE}
    + least(${WITHIN_TIER_MAX}, round(${TIER_SCALE} * (${filled}) / greatest(1, ${length})))::int`;
}

// The characters the search-words trigger (migration search_words) splits a text's words at. No term from
// searchQueryTerms holds one unless NFKC made it ("x´y" becomes "x ́y"): such a query is answered from the text.
const WORD_SEPARATOR = /[ \t\n\r\f\v]/;

/**
 * Search through the words index (SearchWord and QuestionSearchWord, kept by a trigger on "searchText", with the
 * lines and length ranking reads in "searchSlugLine", "searchTitleLine" and "searchLength"). A term without
 * whitespace occurs in a text exactly when it occurs inside one of the text's words, as many times as the words'
 * occurrences times its occurrences inside each: so each term is one subquery, the words holding it through the
 * trigram index on SearchWord (390 words for "attent" on the scale bench's catalogue, bench/README.md), their
 * postings by an index-only scan (6,760), summed per question (1,248), instead of reading 1,248 questions' 6.8 kB of
 * compressed text. Same questions and same ranks as `textScanSearchSql`, which reads the text itself.
 */
export function wordIndexSearchSql(terms: readonly string[]): SearchSql {
  const aliases = terms.map((_, index) => Prisma.raw(`term${index}`));
  const join = Prisma.join(
    terms.map(
      // A word's share is computed once per word (390), not once per posting (6,760).
      (term, index) => Prisma.sql`JOIN (
        SELECT p."questionId", sum(p.occurrences * w.filled)::float8 AS filled
        FROM (
          SELECT id, length(word) - length(replace(word, ${term}, '')) AS filled
          FROM "SearchWord" WHERE word LIKE ${containsPattern(term)}
        ) w JOIN "QuestionSearchWord" p ON p."wordId" = w.id
        GROUP BY p."questionId"
      ) ${aliases[index]} ON ${aliases[index]}."questionId" = q.id`,
    ),
    " ",
  );
  const filled = Prisma.join(
    aliases.map((alias) => Prisma.sql`${alias}.filled`),
    " + ",
  );
  const lines = { slug: Prisma.sql`q."searchSlugLine"`, title: Prisma.sql`q."searchTitleLine"` };
  return { join, where: [], rank: rankSql(terms, lines, filled, Prisma.sql`q."searchLength"`) };
}

/** Search by LIKE on the whole text (its trigram index finds candidates; each is rechecked and ranked from its text). */
export function textScanSearchSql(terms: readonly string[]): SearchSql {
  const text = Prisma.sql`q."searchText"`;
  const filled = Prisma.join(
    terms.map((term) => Prisma.sql`(length(${text}) - length(replace(${text}, ${term}, '')))::float8`),
    " + ",
  );
  const lines = {
    slug: Prisma.sql`split_part(${text}, E'\\n', 1)`,
    title: Prisma.sql`split_part(${text}, E'\\n', 2)`,
  };
  return {
    join: Prisma.empty,
    where: terms.map((term) => Prisma.sql`${text} LIKE ${containsPattern(term)}`),
    rank: rankSql(terms, lines, filled, Prisma.sql`length(${text})`),
  };
}

/** The SQL of a search for `terms` (at least one). */
export function searchSql(terms: readonly string[]): SearchSql {
  return terms.some((term) => WORD_SEPARATOR.test(term)) ? textScanSearchSql(terms) : wordIndexSearchSql(terms);
}
