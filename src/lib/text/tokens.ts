import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { stemmer } from "stemmer";
import { compoundParts } from "./compounds.ts";
import { americanSpelling } from "./spelling.ts";

/**
 * The one text normalisation of the project, Chinese and English: the answer self-check and catalogue search both
 * turn text into the same words, so "quantisation" and "quantization", "KV缓存" and "KV 缓存", "FlashAttention"
 * and "flash attention" are the same words wherever text is compared.
 *
 * - Unicode NFKC (full-width "ｄａｔａ" → "data") and lower case; "n't" becomes " not".
 * - A space between Chinese and Latin letters or digits ("KV缓存" → "kv 缓存"), whatever the segmenter would do.
 * - Chinese is segmented by jieba's dictionary with HMM off: with HMM on, "早停" is one word alone but "早/停"
 *   inside "做早停", so a term would not match its own use; dictionary-only segmentation is the same alone and in
 *   context.
 * - English words get their American spelling (spelling.ts), then the Porter stemmer ("stopping" → "stop",
 *   "quantisation" → "quantization" → "quantiz"). Known compounds are split first (compounds.ts:
 *   "flashattention" → "flash attention"; hyphens already separate words).
 */
export type Tokens = {
  /** Word tokens (letters or digits), in order. */
  words: string[];
  /** Sentence number of each word, for misconceptions (a claim lives in one sentence). */
  sentence: number[];
  /** Clause number of each word: negation does not reach across a comma. */
  clause: number[];
};

// Loading the dictionary takes 250–700 ms (quiet / busy machine), so it happens once: on the first use, or when the
// API starts (loadSegmenter), so that no learner's first search or self-check waits for it.
let segmenter: Jieba | undefined;
function segment(text: string): string[] {
  segmenter ??= Jieba.withDict(dict);
  return segmenter.cut(text, false);
}

/** Loads the Chinese dictionary now instead of on the first use. */
export function loadSegmenter(): void {
  segmenter ??= Jieba.withDict(dict);
}

const WORD = /[\p{Letter}\p{Number}]/u;
const LATIN_WORD = /^[a-z]+$/;
const SENTENCE_END = /[。！？!?；;\n]|^\.\s/;
const CLAUSE_END = /[，,、：:（）()“”"]/;
const HAN_THEN_LATIN = /(?<=\p{Script=Han})(?=[a-z0-9])|(?<=[a-z0-9])(?=\p{Script=Han})/gu;

/** A full stop ends a sentence only before a space or the end: "0.001", "e.g." and "torch.compile" go on. */
function isLastOrSpace(next: string | undefined): boolean {
  return next === undefined || /^\s/.test(next);
}

/** NFKC, lower case, one apostrophe, negations as words of their own. */
export function normalizeText(text: string): string {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[’‘`]/g, "'")
      // "don't" → "do not", "can't" → "can not": the negation becomes a word of its own.
      .replace(/n't\b/g, " not")
  );
}

/** The canonical form of one lower-case Latin word: American spelling, then its Porter stem. */
export function canonicalWord(word: string): string {
  return LATIN_WORD.test(word) ? stemmer(americanSpelling(word)) : word;
}

/** The words of one segment: a known compound gives its parts, any other word itself, each in canonical form. */
function wordsOf(piece: string): string[] {
  const parts = compoundParts(piece);
  return parts ? parts.map(canonicalWord) : [canonicalWord(piece)];
}

/** The segments of a text, in order: words and the spaces and punctuation between them. */
export function segments(text: string): string[] {
  return segment(normalizeText(text).replace(HAN_THEN_LATIN, " "));
}

export function tokenize(text: string): Tokens {
  const tokens: Tokens = { words: [], sentence: [], clause: [] };
  let sentence = 0;
  let clause = 0;
  const pieces = segments(text);
  for (const [index, piece] of pieces.entries()) {
    if (WORD.test(piece)) {
      for (const word of wordsOf(piece)) {
        tokens.words.push(word);
        tokens.sentence.push(sentence);
        tokens.clause.push(clause);
      }
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
