import { splitCamelCase } from "./compounds.ts";
import { normalizeText, tokenize } from "./tokens.ts";

/**
 * Search text: what is stored for a document and what a query is turned into, through the same normalisation as
 * the self-check (tokens.ts). A document keeps its text (NFKC, lower case) and adds its words in canonical form;
 * a query becomes terms that must each occur in the document's search text. Matching a term inside the stored text
 * (not word for word) keeps Chinese free of word boundaries ("矩阵" inside "高性能矩阵乘法") and lets a query split
 * more than the document did ("PyTorch" → "py" + "torch", both inside "pytorch").
 */

/** A document's text as stored for search: the text itself (NFKC, lower case), then its canonical words. */
export function searchableText(text: string): string {
  const words = tokenize(text).words;
  return words.length > 0 ? `${normalizeText(text)}\n${words.join(" ")}` : normalizeText(text);
}

/** The canonical words of a short text (a title, a slug) on one line, for ranking. */
export function canonicalLine(text: string): string {
  return tokenize(text).words.join(" ");
}

// Quotes, brackets and sentence punctuation around a word are not part of what is looked for: "(softmax)",
// "什么是KV缓存？". Inside a word, other symbols are ("torch.compile", "f_score", "5%", "c++").
const EDGE_PUNCTUATION =
  /^[\p{Ps}\p{Pe}\p{Pi}\p{Pf}"',.;:!?，。；：！？、]+|[\p{Ps}\p{Pe}\p{Pi}\p{Pf}"',.;:!?，。；：！？、]+$/gu;
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;
const ONLY_WORD_CHARACTERS = /^[\p{L}\p{M}\p{N}'-]+$/u;

// Function words of a query typed as a question ("什么是KV缓存", "how does FlashAttention work"): they say nothing
// about what is looked for, and a document need not contain them. A query of nothing else keeps them.
const QUERY_FUNCTION_WORDS = new Set(
  "什么 是 的 了 吗 呢 和 与 及 如何 怎么 怎样 为什么 为何 哪些 一个 请 a an the is are was of to in on for and or what how why which does do".split(
    " ",
  ),
);

/**
 * The terms of a search query, each to be found in a document's search text. A word of letters, digits and
 * hyphens gives its canonical words (camel case split: "FlashAttention" → "flash", "attent"; "quantisation" →
 * "quantiz"); a word with other symbols is looked for as typed ("5%", "f_score", "torch.compile").
 */
export function searchQueryTerms(query: string | null | undefined): string[] {
  const terms = new Set<string>();
  for (const typed of (query ?? "").split(/\s+/)) {
    const word = HAS_WORD_CHARACTER.test(typed) ? typed.replace(EDGE_PUNCTUATION, "") : typed;
    if (word === "") continue;
    if (ONLY_WORD_CHARACTERS.test(word)) {
      for (const canonical of tokenize(splitCamelCase(word)).words) terms.add(canonical);
    } else {
      terms.add(normalizeText(word));
    }
  }
  const meaningful = [...terms].filter((term) => !QUERY_FUNCTION_WORDS.has(term));
  return meaningful.length > 0 ? meaningful : [...terms];
}
