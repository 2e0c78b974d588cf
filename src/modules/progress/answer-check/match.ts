import type { z } from "zod";
import { type KeyPointContent, keyPointSchema } from "../../content/content-schema.ts";
import { type Tokens, termWords, tokenize } from "./tokens.ts";
import { breaksNegation, isGenericTerm, isNegator, NEGATION_REACH } from "./vocabulary.ts";

/** Deterministic key-point coverage of a free-text answer, in Chinese and English. See README.md beside this file. */

export type KeyPoint = z.input<typeof keyPointSchema>;
export const keyPointsSchema = keyPointSchema.array();

export type ConceptCheck = {
  /** The concept's alternative terms, as the author wrote them. */
  terms: string[];
  /** Terms found in the answer (not negated, not inside a flagged misconception). */
  matched: string[];
  /** Terms found only under a negation ("不需要正则化", "without dropout"). */
  negated: string[];
  satisfied: boolean;
};

export type KeyPointMatch = {
  index: number;
  zh: string;
  en: string | null;
  covered: boolean;
  /** Share of the needed concepts the answer names, 0..1 (0 when its only evidence is generic words). */
  score: number;
  /** How many concepts must be named. */
  need: number;
  concepts: ConceptCheck[];
  /** True when the named concepts rest only on generic words (数据, model, performance…), which never count alone. */
  genericOnly: boolean;
  matchedKeywords: string[];
  /** Terms of the concepts still missing, in the answer's language (Chinese when it has a Han character). */
  missingKeywords: string[];
};

export type MisconceptionFlag = {
  pointIndex: number;
  zh: string;
  en: string | null;
  correction: { zh: string; en: string | null };
  /** The terms that triggered it. */
  matched: string[];
};

export type AnswerCoverage = { coverage: number; points: KeyPointMatch[]; misconceptions: MisconceptionFlag[] };

type PreparedAnswer = Tokens & { negated: boolean[]; hasHan: boolean };

const HAN = /\p{Script=Han}/u;

function prepareAnswer(answer: string): PreparedAnswer {
  const tokens = tokenize(answer);
  const negated = tokens.words.map((_, i) => {
    for (let j = i - 1; j >= Math.max(0, i - NEGATION_REACH); j--) {
      if (tokens.clause[j] !== tokens.clause[i]) return false;
      if (isNegator(tokens.words[j])) return !(j + 1 < i && breaksNegation(tokens.words[j + 1]));
    }
    return false;
  });
  return { ...tokens, negated, hasHan: HAN.test(answer) };
}

// Terms come from stored content, a few thousand at most: segmenting each once keeps a check fast.
const termCache = new Map<string, string[]>();
const TERM_CACHE_LIMIT = 20_000;
function cachedTermWords(term: string): string[] {
  let words = termCache.get(term);
  if (!words) {
    if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
    words = termWords(term);
    termCache.set(term, words);
  }
  return words;
}

type TermHit = { sentence: number; negated: boolean };

/** Every place the term's words appear in a row in the answer. */
function findTerm(words: readonly string[], answer: PreparedAnswer): TermHit[] {
  if (words.length === 0) return [];
  const hits: TermHit[] = [];
  const selfNegative = words.some(isNegator);
  for (let i = 0; i + words.length <= answer.words.length; i++) {
    let found = true;
    for (let k = 0; k < words.length && found; k++) found = answer.words[i + k] === words[k];
    if (found) hits.push({ sentence: answer.sentence[i], negated: !selfNegative && answer.negated[i] });
  }
  return hits;
}

/** Sentences in which every group of the misconception has a (non-negated) term. */
function misconceptionSentences(groups: readonly string[][], answer: PreparedAnswer) {
  let sentences: Set<number> | null = null;
  const matched: string[] = [];
  for (const group of groups) {
    const inGroup = new Set<number>();
    for (const term of group) {
      const hits = findTerm(cachedTermWords(term), answer).filter((hit) => !hit.negated);
      if (hits.length > 0) matched.push(term);
      for (const hit of hits) if (!sentences || sentences.has(hit.sentence)) inGroup.add(hit.sentence);
    }
    sentences = inGroup;
    if (sentences.size === 0) break;
  }
  return { sentences: sentences ?? new Set<number>(), matched };
}

function checkPoint(point: KeyPointContent, index: number, answer: PreparedAnswer) {
  const excluded = new Set<number>();
  const flags: MisconceptionFlag[] = [];
  for (const misconception of point.misconceptions) {
    const { sentences, matched } = misconceptionSentences(misconception.when, answer);
    if (sentences.size === 0) continue;
    for (const sentence of sentences) excluded.add(sentence);
    flags.push({
      pointIndex: index,
      zh: misconception.zh,
      en: misconception.en ?? null,
      correction: { zh: misconception.correction.zh, en: misconception.correction.en ?? null },
      matched,
    });
  }

  let specific = false;
  const concepts = point.concepts.map((terms): ConceptCheck => {
    const matched: string[] = [];
    const negated: string[] = [];
    for (const term of terms) {
      const words = cachedTermWords(term);
      const hits = findTerm(words, answer).filter((hit) => !excluded.has(hit.sentence));
      if (hits.some((hit) => !hit.negated)) {
        matched.push(term);
        if (!isGenericTerm(words)) specific = true;
      } else if (hits.length > 0) negated.push(term);
    }
    return { terms: [...terms], matched, negated, satisfied: matched.length > 0 };
  });

  const need = point.need ?? point.concepts.length;
  const satisfied = concepts.filter((concept) => concept.satisfied).length;
  const genericOnly = satisfied > 0 && !specific;
  const score = genericOnly ? 0 : Math.min(1, satisfied / need);
  const inAnswerLanguage = (term: string) => HAN.test(term) === answer.hasHan;
  const missingKeywords = concepts
    .filter((concept) => !concept.satisfied)
    .flatMap((concept) => {
      const own = concept.terms.filter(inAnswerLanguage);
      return own.length > 0 ? own : concept.terms;
    });
  const match: KeyPointMatch = {
    index,
    zh: point.zh,
    en: point.en ?? null,
    covered: score >= 1,
    score,
    need,
    concepts,
    genericOnly,
    matchedKeywords: concepts.flatMap((concept) => concept.matched),
    missingKeywords,
  };
  return { match, flags };
}

export function checkAnswerCoverage(points: readonly KeyPointContent[], answer: string): AnswerCoverage {
  const prepared = prepareAnswer(answer);
  const checked = points.map((point, index) => checkPoint(point, index, prepared));
  const matches = checked.map((result) => result.match);
  const covered = matches.filter((match) => match.covered).length;
  return {
    coverage: matches.length === 0 ? 0 : covered / matches.length,
    points: matches,
    misconceptions: checked.flatMap((result) => result.flags),
  };
}
