import { z } from "zod";

/** Deterministic key-point coverage of a free-text answer, in Chinese and English. See README-matching.md. */

export const keyPointSchema = z.object({
  zh: z.string(),
  en: z.string().nullish(),
  keywords: z.object({ zh: z.array(z.string()).default([]), en: z.array(z.string()).default([]) }).nullish(),
});
export type KeyPoint = z.infer<typeof keyPointSchema>;
export const keyPointsSchema = z.array(keyPointSchema);

/** A key point counts as covered when at least this share of its keywords (in one language) is found. */
export const COVERAGE_THRESHOLD = 0.5;
/** Latin keywords at least this long also match inside text with spaces and hyphens removed. */
const MIN_COMPACT_MATCH = 6;

export type KeyPointMatch = {
  index: number;
  zh: string;
  en: string | null;
  covered: boolean;
  /** Share of the best-matching language's keywords found in the answer, 0..1. */
  score: number;
  matchedKeywords: string[];
  missingKeywords: string[];
};

export type AnswerCoverage = { coverage: number; points: KeyPointMatch[] };

const EN_STOPWORDS = new Set(
  (
    "a an the and or but of to in on at by for with from as is are was were be been being it its this that these " +
    "those which who what when where how why can could should would will may might must do does did not no than " +
    "then so such into over under about each per via use used using more most less very also only both other"
  ).split(" "),
);
// Function characters that carry no topic on their own; a bigram containing one is not a derived keyword.
const ZH_STOP_CHARS = new Set([..."的了是和与在对及或而把被将也就都这那其之为以于中上下等个一不有所用可能会要"]);

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[\p{Letter}\p{Number}]+/gu;

export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** Light, symmetric suffix stripping: both the answer and the keyword go through it, so it only needs to be consistent. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith("es")) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

function latinWords(text: string): string[] {
  return (text.replace(HAN_RUN, " ").match(LATIN_WORD) ?? []).map(stem);
}

type PreparedAnswer = { text: string; words: Set<string>; compact: string; hasHan: boolean };

function prepareAnswer(answer: string): PreparedAnswer {
  const text = normalizeText(answer);
  return {
    text,
    words: new Set(latinWords(text)),
    compact: text.replace(/[^\p{Letter}\p{Number}]+/gu, ""),
    hasHan: /\p{Script=Han}/u.test(text),
  };
}

/** Han characters match as a substring; Latin words all have to appear (stemmed), in any order. */
function keywordFound(keyword: string, answer: PreparedAnswer): boolean {
  const normalized = normalizeText(keyword).trim();
  if (normalized === "") return false;
  const hanRuns = normalized.match(HAN_RUN) ?? [];
  if (!hanRuns.every((run) => answer.text.includes(run))) return false;
  const words = latinWords(normalized);
  if (words.every((word) => answer.words.has(word))) return true;
  const compact = normalized.replace(/[^\p{Letter}\p{Number}]+/gu, "");
  return hanRuns.length === 0 && compact.length >= MIN_COMPACT_MATCH && answer.compact.includes(compact);
}

/** Keywords for a point that lists none: English content words, and Chinese character bigrams. */
export function derivedKeywords(point: KeyPoint): { zh: string[]; en: string[] } {
  const zh = new Set<string>();
  for (const run of normalizeText(point.zh).match(HAN_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      if (!ZH_STOP_CHARS.has(chars[i]) && !ZH_STOP_CHARS.has(chars[i + 1])) zh.add(chars[i] + chars[i + 1]);
    }
  }
  const latin = `${point.zh} ${point.en ?? ""}`;
  const en = new Set(
    (normalizeText(latin).replace(HAN_RUN, " ").match(LATIN_WORD) ?? []).filter(
      (word) => word.length >= 3 && !EN_STOPWORDS.has(word) && !/^\d+$/.test(word),
    ),
  );
  return { zh: [...zh], en: [...en] };
}

function scoreLanguage(keywords: string[], answer: PreparedAnswer): { score: number; matched: string[] } {
  const matched = keywords.filter((keyword) => keywordFound(keyword, answer));
  return { score: keywords.length === 0 ? 0 : matched.length / keywords.length, matched };
}

export function checkAnswerCoverage(points: readonly KeyPoint[], answer: string): AnswerCoverage {
  const prepared = prepareAnswer(answer);
  const matches = points.map((point, index): KeyPointMatch => {
    const listed = point.keywords;
    const hasListed = listed && listed.zh.length + listed.en.length > 0;
    const keywords = hasListed ? { zh: listed.zh, en: listed.en } : derivedKeywords(point);
    const zh = scoreLanguage(keywords.zh, prepared);
    const en = scoreLanguage(keywords.en, prepared);
    // The better language decides, so a Chinese answer is not penalised for missing English terms or vice versa;
    // on a tie, the answer's own language (Chinese if it has any Han character) names the missing keywords.
    const preferEn = en.score > zh.score || (en.score === zh.score && !prepared.hasHan && keywords.en.length > 0);
    const best = preferEn ? { ...en, all: keywords.en } : { ...zh, all: keywords.zh };
    const matchedKeywords = [...zh.matched, ...en.matched];
    return {
      index,
      zh: point.zh,
      en: point.en ?? null,
      covered: best.score >= COVERAGE_THRESHOLD,
      score: best.score,
      matchedKeywords,
      missingKeywords: best.all.filter((keyword) => !best.matched.includes(keyword)),
    };
  });
  const covered = matches.filter((match) => match.covered).length;
  return { coverage: matches.length === 0 ? 0 : covered / matches.length, points: matches };
}
