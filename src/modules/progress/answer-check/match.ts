import type { z } from "zod";
import { type KeyPointContent, keyPointSchema } from "../../content/content-schema.ts";
import { type Tokens, termWords, tokenize } from "./tokens.ts";
import {
  breaksNegation,
  isGenericTerm,
  isNegator,
  isPredicateWord,
  LIST_ITEM_WORDS,
  LIST_KNOWN_SHARE,
  NEGATION_REACH,
  SHORT_ITEM_WORDS,
} from "./vocabulary.ts";

/** Deterministic key-point coverage of a free-text answer, in Chinese and English. See README.md beside this file. */

export type KeyPoint = z.input<typeof keyPointSchema>;
type Misconception = KeyPointContent["misconceptions"][number];
export const keyPointsSchema = keyPointSchema.array();

export type ConceptCheck = {
  /** The concept's alternative terms, as the author wrote them. */
  terms: string[];
  /** Terms found in the answer's statements (not negated, not in an enumeration or a flagged misconception). */
  matched: string[];
  /** Terms found only under a negation ("不需要正则化", "without dropout"). */
  negated: string[];
  /** Named in the statement that best covers the point (with the point's other concepts, in one or two sentences). */
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

type PreparedAnswer = Tokens & {
  negated: boolean[];
  /** Per sentence: a list of terms with (almost) no predicate, which is evidence for nothing (set per question). */
  enumeration: boolean[];
  /** The words joined, Chinese words of one clause without a separator, so Chinese terms are found inside words. */
  joined: string;
  /** Index of the word each character of `joined` belongs to (-1 for separators). */
  wordAt: Int32Array;
  /** Positions of each word, so a term is looked for only where its first word stands. */
  positions: Map<string, number[]>;
  /** Each term's hits in this answer, found once per check. */
  hits: Map<string, TermHit[]>;
  hasHan: boolean;
};

const HAN = /\p{Script=Han}/u;
const ALL_HAN = /^\p{Script=Han}+$/u;
const SEPARATOR = "\u0001";

/**
 * jieba's dictionary holds compounds such as 存储资源, 存放数据 and 下降时, in which a Chinese term would be lost if it
 * had to match whole words. Chinese words of one clause are therefore joined, and a Chinese term of two or more
 * characters is found anywhere inside them (a one-character term still has to be a whole word: 层, 块).
 */
function joinWords(tokens: Tokens): { joined: string; wordAt: Int32Array } {
  let joined = "";
  const owners: number[] = [];
  for (const [i, word] of tokens.words.entries()) {
    const joinsPrevious =
      i > 0 && tokens.clause[i - 1] === tokens.clause[i] && ALL_HAN.test(word) && ALL_HAN.test(tokens.words[i - 1]);
    if (i > 0 && !joinsPrevious) {
      joined += SEPARATOR;
      owners.push(-1);
    }
    joined += word;
    for (let k = 0; k < word.length; k++) owners.push(i);
  }
  return { joined, wordAt: Int32Array.from(owners) };
}

function prepareAnswer(answer: string): PreparedAnswer {
  const tokens = tokenize(answer);
  const negated = tokens.words.map((_, i) => {
    for (let j = i - 1; j >= Math.max(0, i - NEGATION_REACH); j--) {
      if (tokens.clause[j] !== tokens.clause[i]) return false;
      if (isNegator(tokens.words[j])) return !(j + 1 < i && breaksNegation(tokens.words[j + 1]));
    }
    return false;
  });
  const positions = new Map<string, number[]>();
  for (const [i, word] of tokens.words.entries()) {
    const list = positions.get(word);
    if (list) list.push(i);
    else positions.set(word, [i]);
  }
  return {
    ...tokens,
    negated,
    positions,
    hits: new Map(),
    enumeration: [],
    ...joinWords(tokens),
    hasHan: HAN.test(answer),
  };
}

/**
 * A sentence is an enumeration when at least three quarters of its words sit in list items. A list item is a clause
 * with no predicate word that is short (at most LIST_ITEM_WORDS words: "数据并行", "GPU utilization") or made mostly
 * of the question's own terms and generic words ("剪枝 量化 蒸馏 INT8 INT4 GPTQ AWQ"); a clause of at most
 * SHORT_ITEM_WORDS words that are all but one the question's terms is one too ("pay per token", but not the
 * imperative "add L2 regularization"). One statement clause in a long list ("time to market") does not make the
 * list a statement; "量化、剪枝和蒸馏都能压缩模型" is one.
 */
function enumerationSentences(answer: PreparedAnswer, termWordsOfQuestion: boolean[]): boolean[] {
  const clauses = new Map<number, { words: number; known: number; predicate: boolean; leadingPredicate: boolean }>();
  for (const [i, word] of answer.words.entries()) {
    const clause = clauses.get(answer.clause[i]) ?? {
      words: 0,
      known: 0,
      predicate: false,
      leadingPredicate: isPredicateWord(word),
    };
    clause.words++;
    if (termWordsOfQuestion[i] || isGenericTerm([word])) clause.known++;
    if (isPredicateWord(word)) clause.predicate = true;
    clauses.set(answer.clause[i], clause);
  }
  const sentences = answer.sentence.length === 0 ? 0 : answer.sentence[answer.sentence.length - 1] + 1;
  const itemWords = new Array<number>(sentences).fill(0);
  const statementWords = new Array<number>(sentences).fill(0);
  for (const [i, clauseIndex] of answer.clause.entries()) {
    const clause = clauses.get(clauseIndex);
    const item =
      clause !== undefined &&
      ((!clause.predicate && (clause.words <= LIST_ITEM_WORDS || clause.known >= LIST_KNOWN_SHARE * clause.words)) ||
        (clause.words <= SHORT_ITEM_WORDS &&
          !clause.leadingPredicate &&
          clause.known >= clause.words - 1 &&
          clause.known > 0));
    if (item) itemWords[answer.sentence[i]]++;
    else statementWords[answer.sentence[i]]++;
  }
  return itemWords.map((items, sentence) => items >= 3 * statementWords[sentence]);
}

/** Marks the words that belong to any term of the question's key points (concepts and misconceptions). */
function questionTermWords(points: readonly KeyPointContent[], answer: PreparedAnswer): boolean[] {
  const known = new Array<boolean>(answer.words.length).fill(false);
  const terms = new Set<string>();
  for (const point of points) {
    for (const group of point.concepts) for (const term of group) terms.add(term);
    for (const misconception of point.misconceptions)
      for (const group of misconception.when) for (const term of group) terms.add(term);
  }
  for (const term of terms) {
    for (const hit of termHits(term, answer)) known.fill(true, hit.first, hit.last + 1);
  }
  return known;
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

type TermHit = { sentence: number; clause: number; first: number; last: number; negated: boolean };

/** Every place the term's words appear in a row in the answer (a Chinese term: its characters, see joinWords). */
function findTerm(words: readonly string[], answer: PreparedAnswer): TermHit[] {
  if (words.length === 0) return [];
  const hits: TermHit[] = [];
  const selfNegative = words.some(isNegator);
  const hit = (first: number, last: number): TermHit => ({
    sentence: answer.sentence[first],
    clause: answer.clause[first],
    first,
    last,
    negated: !selfNegative && answer.negated[first],
  });
  const chinese = words.join("");
  if (chinese.length >= 2 && ALL_HAN.test(chinese)) {
    for (let at = answer.joined.indexOf(chinese); at >= 0; at = answer.joined.indexOf(chinese, at + 1)) {
      hits.push(hit(answer.wordAt[at], answer.wordAt[at + chinese.length - 1]));
    }
    return hits;
  }
  for (const i of answer.positions.get(words[0]) ?? []) {
    if (i + words.length > answer.words.length) break;
    let found = true;
    for (let k = 1; k < words.length && found; k++) found = answer.words[i + k] === words[k];
    if (found) hits.push(hit(i, i + words.length - 1));
  }
  return hits;
}

/** A term's hits in the answer, found once per check (points share terms, and enumerations need them all). */
function termHits(term: string, answer: PreparedAnswer): TermHit[] {
  let hits = answer.hits.get(term);
  if (!hits) {
    hits = findTerm(cachedTermWords(term), answer);
    answer.hits.set(term, hits);
  }
  return hits;
}

/**
 * Sentences that make the claim: every group of the misconception has a (non-negated) term in one sentence, or in
 * one clause when the scope is CLAUSE, and no `unless` term appears in that sentence (or clause).
 */
function misconceptionSentences(misconception: Misconception, answer: PreparedAnswer) {
  const place = (hit: TermHit) => (misconception.scope === "CLAUSE" ? hit.clause : hit.sentence);
  let places: Set<number> | null = null;
  const matched: string[] = [];
  const sentenceOf = new Map<number, number>();
  for (const group of misconception.when) {
    const inGroup = new Set<number>();
    for (const term of group) {
      const hits = termHits(term, answer).filter((hit) => !hit.negated);
      if (hits.length > 0) matched.push(term);
      for (const hit of hits) {
        sentenceOf.set(place(hit), hit.sentence);
        if (!places || places.has(place(hit))) inGroup.add(place(hit));
      }
    }
    places = inGroup;
    if (places.size === 0) break;
  }
  const claimed = places ?? new Set<number>();
  for (const term of misconception.unless) {
    for (const hit of termHits(term, answer)) if (!hit.negated) claimed.delete(place(hit));
  }
  return { sentences: new Set([...claimed].map((where) => sentenceOf.get(where) ?? where)), matched };
}

/**
 * Every misconception of every point. A sentence that makes a wrong claim is evidence for no point of the question:
 * "量化就是删掉不重要的连接，让网络更稀疏" must not earn the pruning point while it misdefines quantisation.
 */
function flagMisconceptions(points: readonly KeyPointContent[], answer: PreparedAnswer) {
  const excluded = new Set<number>();
  const flags: MisconceptionFlag[] = [];
  for (const [index, point] of points.entries()) {
    for (const misconception of point.misconceptions) {
      const { sentences, matched } = misconceptionSentences(misconception, answer);
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
  }
  return { excluded, flags };
}

function checkPoint(point: KeyPointContent, index: number, answer: PreparedAnswer, excluded: ReadonlySet<number>) {
  // Each concept's statements: sentences with one of its terms, not negated, outside enumerations and flagged claims.
  const found = point.concepts.map((terms) => {
    const matched: string[] = [];
    const negated: string[] = [];
    const sentences = new Map<number, string[]>();
    for (const term of terms) {
      const hits = termHits(term, answer).filter(
        (hit) => !excluded.has(hit.sentence) && !answer.enumeration[hit.sentence],
      );
      const affirmed = hits.filter((hit) => !hit.negated);
      if (affirmed.length > 0) matched.push(term);
      else if (hits.length > 0) negated.push(term);
      for (const hit of affirmed) {
        const list = sentences.get(hit.sentence);
        if (!list) sentences.set(hit.sentence, [term]);
        else if (list[list.length - 1] !== term) list.push(term);
      }
    }
    return { terms, matched, negated, sentences };
  });

  // The point is a relation between its concepts, so they count together only within one sentence and the next
  // ("每张卡保存完整模型副本。反向传播后用 AllReduce 平均梯度。"); the best such window decides the score.
  const starts = [...new Set(found.flatMap((concept) => [...concept.sentences.keys()]))].sort((a, b) => a - b);
  let best: { satisfied: boolean[]; terms: string[][] } = { satisfied: found.map(() => false), terms: [] };
  let bestCount = 0;
  for (const start of starts) {
    const terms = found.map((concept) => [
      ...(concept.sentences.get(start) ?? []),
      ...(concept.sentences.get(start + 1) ?? []),
    ]);
    const count = terms.filter((list) => list.length > 0).length;
    if (count > bestCount) {
      bestCount = count;
      best = { satisfied: terms.map((list) => list.length > 0), terms };
    }
  }
  const specific = best.terms.some((list) => list.some((term) => !isGenericTerm(cachedTermWords(term))));
  const concepts = found.map(
    (concept, i): ConceptCheck => ({
      terms: [...concept.terms],
      matched: concept.matched,
      negated: concept.negated,
      satisfied: best.satisfied[i],
    }),
  );

  const need = point.need ?? point.concepts.length;
  const genericOnly = bestCount > 0 && !specific;
  const score = genericOnly ? 0 : Math.min(1, bestCount / need);
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
  return match;
}

export function checkAnswerCoverage(points: readonly KeyPointContent[], answer: string): AnswerCoverage {
  const prepared = prepareAnswer(answer);
  prepared.enumeration = enumerationSentences(prepared, questionTermWords(points, prepared));
  const { excluded, flags } = flagMisconceptions(points, prepared);
  const matches = points.map((point, index) => checkPoint(point, index, prepared, excluded));
  const covered = matches.filter((match) => match.covered).length;
  return { coverage: matches.length === 0 ? 0 : covered / matches.length, points: matches, misconceptions: flags };
}
