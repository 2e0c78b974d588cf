import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { stemmer } from "stemmer";

/**
 * Answers and terms go through the same tokeniser, so a term matches when its tokens appear in a row:
 * Chinese is segmented by jieba's dictionary (HMM off: with HMM on, "早停" is one word alone but "早/停" inside
 * "做早停", so a term would not match its own use), English words are Porter-stemmed ("stopping" → "stop").
 */
export type Tokens = {
  /** Word tokens (letters or digits), in order. */
  words: string[];
  /** Sentence number of each word, for misconceptions (a claim lives in one sentence). */
  sentence: number[];
  /** Clause number of each word: negation does not reach across a comma. */
  clause: number[];
};

// Loading the dictionary takes ~250 ms, so it happens once, on the first check.
let segmenter: Jieba | undefined;
function segment(text: string): string[] {
  segmenter ??= Jieba.withDict(dict);
  return segmenter.cut(text, false);
}

const WORD = /[\p{Letter}\p{Number}]/u;
const LATIN_WORD = /^[a-z]+$/;
const SENTENCE_END = /[。！？!?\n]|^\.\s/;
// A semicolon joins parallel clauses of one sentence ("我会看利用率；存储吞吐；网络带宽"); "/", "+", "=" and "|"
// separate list items ("SMOTE / 欠采样 / focal loss").
const CLAUSE_END = /[，,、：:；;（）()“”"/|+=·]/;

/** A full stop ends a sentence only before a space or the end: "0.001", "e.g." and "torch.compile" go on. */
function isLastOrSpace(next: string | undefined): boolean {
  return next === undefined || /^\s/.test(next);
}

export function normalizeText(text: string): string {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[’‘`]/g, "'")
      // "don't" → "do not", "can't" → "can not": the negation becomes a word of its own.
      .replace(/n't\b/g, " not")
      // A line break inside a paragraph (hard-wrapped text) ends a clause, not a sentence; one before a list item,
      // a heading or a blank line ends the sentence.
      .replace(/\n(?![ \t]*(?:[-*•+]\s|\d+[.)、]\s?|#|\n))/g, "，")
      // "e.g." and "i.e." go on.
      .replace(/\b(e\.g|i\.e)\./g, "$1")
  );
}

export function tokenize(text: string): Tokens {
  const tokens: Tokens = { words: [], sentence: [], clause: [] };
  let sentence = 0;
  let clause = 0;
  const pieces = segment(normalizeText(text));
  for (const [index, piece] of pieces.entries()) {
    if (WORD.test(piece)) {
      tokens.words.push(LATIN_WORD.test(piece) ? stemmer(piece) : piece);
      tokens.sentence.push(sentence);
      tokens.clause.push(clause);
    } else if (SENTENCE_END.test(piece) || (piece === "." && isLastOrSpace(pieces[index + 1]))) {
      sentence++;
      clause++;
    } else if (CLAUSE_END.test(piece)) {
      clause++;
    }
  }
  return tokens;
}

/** The word tokens of a term, e.g. "Early-stopping" → ["earli", "stop"], "早停" → ["早", "停"]. */
export function termWords(term: string): string[] {
  return tokenize(term).words;
}
