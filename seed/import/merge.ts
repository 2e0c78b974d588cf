import { createHash } from "node:crypto";
import { containment, diceSimilarity, questionCore } from "./normalize.ts";
import type { ArticleEntry, CodeBlock } from "./parse-article.ts";

/**
 * Merge rule. Two occurrences ask the same question when
 *   1. they are the same kind (a "编写…" coding exercise never merges with a concept question), and
 *   2. their cores (heading minus polite / question-form wrappers, see normalize.ts) are identical, or
 *   3. their cores are similar (token-bigram Dice ≥ CORE_SIMILARITY) AND their answers agree (bigram containment
 *      ≥ ANSWER_AGREEMENT). The answer guard keeps apart questions that differ in one word of the heading
 *      but are answered differently ("深度学习模型的优化" vs "深度学习模型的自动化优化").
 * Groups are the connected components of that relation, so the result does not depend on the order of
 * sections in the article.
 */
export const CORE_SIMILARITY = 0.75;
export const ANSWER_AGREEMENT = 0.6;

export type QuestionKindGuess = "CONCEPT" | "CODING";

export type Occurrence = ArticleEntry & { core: string; removed: string[]; kind: QuestionKindGuess };

export type MergedQuestion = {
  /** Stable id from the canonical core, for draft slugs of questions that have no reviewed file yet. */
  key: string;
  kind: QuestionKindGuess;
  core: string;
  /** The most frequent heading wording among the occurrences. */
  heading: string;
  statement: string;
  answer: string;
  explanation: string;
  code: CodeBlock[];
  /** Where the question first appears. */
  source: { section: string; heading: string };
  occurrences: Occurrence[];
  /** Why each occurrence after the first joined the group. */
  reasons: string[];
};

export type KeptApart = {
  a: Occurrence;
  b: Occurrence;
  coreSimilarity: number;
  answerAgreement: number;
  reason: string;
};

export type MergeResult = { questions: MergedQuestion[]; keptApart: KeptApart[] };

function kindOf(entry: ArticleEntry): QuestionKindGuess {
  return entry.statement !== "" || /^编写/.test(entry.heading) ? "CODING" : "CONCEPT";
}

/** Answers compared for the guard: the text, or the code when the answer is a code block (coding exercises). */
function answerText(entry: ArticleEntry): string {
  return entry.answer !== "" ? entry.answer : entry.code.map((block) => block.code).join("\n");
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The longest text; equal lengths are broken by content so the choice does not depend on article order. */
function mostComplete(texts: string[]): string {
  return [...texts].sort((a, b) => b.length - a.length || compareStrings(a, b))[0] ?? "";
}

function mostFrequent(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([a, ca], [b, cb]) => cb - ca || a.length - b.length || compareStrings(a, b))[0][0];
}

function codeSize(code: CodeBlock[]): number {
  return code.reduce((sum, block) => sum + block.code.length, 0);
}

type Link = { i: number; j: number; reason: string };

function relate(a: Occurrence, b: Occurrence): { link?: string; apart?: KeptApart } {
  if (a.kind !== b.kind) return {};
  if (a.core === b.core) {
    const removed = (o: Occurrence) => (o.removed.length > 0 ? o.removed.join(" + ") : "nothing");
    const wrappers = a.removed.length + b.removed.length > 0 ? ` (removed: ${removed(a)} | ${removed(b)})` : "";
    return { link: `identical core «${a.core}»${wrappers}` };
  }
  const coreSimilarity = diceSimilarity(a.core, b.core);
  if (coreSimilarity < CORE_SIMILARITY) return {};
  const answerAgreement = containment(answerText(a), answerText(b));
  const figures = `core similarity ${coreSimilarity.toFixed(2)}, answer agreement ${answerAgreement.toFixed(2)}`;
  if (answerAgreement >= ANSWER_AGREEMENT) {
    return { link: `similar core «${a.core}» ~ «${b.core}» (${figures})` };
  }
  const reason = `answers disagree (${figures}; need ≥ ${ANSWER_AGREEMENT})`;
  return { apart: { a, b, coreSimilarity, answerAgreement, reason } };
}

export function mergeOccurrences(entries: ArticleEntry[]): MergeResult {
  const occurrences: Occurrence[] = entries.map((entry) => ({
    ...entry,
    ...questionCore(entry.heading),
    kind: kindOf(entry),
  }));
  const parent = occurrences.map((_, index) => index);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i];
    return i;
  };
  const links: Link[] = [];
  const keptApart: KeptApart[] = [];
  for (let i = 0; i < occurrences.length; i++) {
    for (let j = i + 1; j < occurrences.length; j++) {
      const { link, apart } = relate(occurrences[i], occurrences[j]);
      if (link) {
        // Only links that join two groups are reported: one reason per occurrence after the first.
        if (find(i) !== find(j)) links.push({ i, j, reason: link });
        parent[find(j)] = find(i);
      } else if (apart) {
        keptApart.push(apart);
      }
    }
  }

  const groups = new Map<number, number[]>();
  occurrences.forEach((_, index) => {
    const root = find(index);
    groups.set(root, [...(groups.get(root) ?? []), index]);
  });

  const questions = [...groups.values()].map((members): MergedQuestion => {
    const items = members.map((index) => occurrences[index]);
    const memberSet = new Set(members);
    const heading = mostFrequent(items.map((item) => item.heading));
    const core = mostFrequent(items.map((item) => item.core));
    const withMostCode = [...items].sort((a, b) => codeSize(b.code) - codeSize(a.code) || a.line - b.line)[0];
    return {
      key: createHash("sha256").update(core).digest("hex").slice(0, 8),
      kind: items[0].kind,
      core,
      heading,
      statement: mostComplete(items.map((item) => item.statement)),
      answer: mostComplete(items.map((item) => item.answer)),
      explanation: mostComplete(items.map((item) => item.explanation)),
      code: withMostCode.code,
      source: { section: items[0].section, heading: items[0].heading },
      occurrences: items,
      reasons: links
        .filter((link) => memberSet.has(link.i))
        .map((link) => `line ${occurrences[link.j].line} joins line ${occurrences[link.i].line}: ${link.reason}`),
    };
  });
  // Apart-pairs inside one group (joined through a third occurrence) are not "kept apart".
  const apart = keptApart.filter((pair) => find(occurrences.indexOf(pair.a)) !== find(occurrences.indexOf(pair.b)));
  return { questions, keptApart: dedupeApart(apart) };
}

/** One kept-apart line per pair of groups (the repeats would otherwise list the same pair several times). */
function dedupeApart(pairs: KeptApart[]): KeptApart[] {
  const seen = new Set<string>();
  return pairs.filter((pair) => {
    const key = [pair.a.core, pair.b.core].sort().join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
