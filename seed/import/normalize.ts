/**
 * Reduces a question heading to its core: what is asked, without the polite or question-form wrapper
 * ("请描述一下…", "请简要描述一下…", "什么是…", "…是什么？", "…的概念", "…有哪些"), so repeats of one
 * question compare equal or nearly equal.
 */

type WrapperRule = { name: string; pattern: RegExp; replacement?: string };

/** Applied repeatedly, in order, until nothing changes. Names appear in the merge report. */
const WRAPPER_RULES: WrapperRule[] = [
  {
    name: "polite request (请描述/解释/说明一下)",
    pattern: /^请(?:简要|简单)?(?:地)?(?:描述|解释|说明|介绍|谈谈|讲讲)(?:一下)?/,
  },
  { name: "listing request (请列举几种)", pattern: /^请?列举(?:一下)?(?:几种|一些|几个)?/ },
  { name: "listing question (…有哪些)", pattern: /有哪些$/ },
  { name: "definition question (什么是…)", pattern: /^什么是/ },
  { name: "definition question (…是什么)", pattern: /是什么$/ },
  { name: "definition question (…的定义和作用)", pattern: /的定义(?:和作用)?$/ },
  { name: "concept suffix (…的概念)", pattern: /的概念$/ },
  { name: "why form (为什么说 → 为什么)", pattern: /^为什么说/, replacement: "为什么" },
  // The whole article is about AI infrastructure: "AI Infrastructure中的X" asks about X.
  { name: "article-wide context (AI Infrastructure中的…)", pattern: /^aiinfrastructure中的/ },
];

/** Case, width and punctuation folded; whitespace and Markdown emphasis removed. */
export function foldText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\*\*/g, "")
    .replace(/\s+/g, "")
    .replace(/[?？。.!！:：;；,，、]+$/u, "");
}

export type Core = { core: string; removed: string[] };

export function questionCore(heading: string): Core {
  let core = foldText(heading);
  const removed: string[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const rule of WRAPPER_RULES) {
      const next = core.replace(rule.pattern, rule.replacement ?? "");
      if (next !== core && next !== "") {
        core = next;
        removed.push(rule.name);
        changed = true;
      }
    }
  }
  return { core, removed };
}

/**
 * Token bigrams of folded text: a run of Latin letters / digits is one token ("aiinfrastructure"), every other
 * letter (a Chinese character) is a token of its own; a single token counts as one gram.
 */
function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const tokens = foldText(text).match(/[a-z0-9]+|[^\p{P}\p{S}\p{Z}a-z0-9]/gu) ?? [];
  if (tokens.length === 1) grams.set(tokens[0], 1);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const gram = `${tokens[i]} ${tokens[i + 1]}`;
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

function sharedCount(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  for (const [gram, count] of a) shared += Math.min(count, b.get(gram) ?? 0);
  return shared;
}

function total(grams: Map<string, number>): number {
  let sum = 0;
  for (const count of grams.values()) sum += count;
  return sum;
}

/** Sørensen–Dice coefficient on token bigrams, in [0, 1]. */
export function diceSimilarity(a: string, b: string): number {
  const ga = bigrams(a);
  const gb = bigrams(b);
  const size = total(ga) + total(gb);
  return size === 0 ? 0 : (2 * sharedCount(ga, gb)) / size;
}

/**
 * Share of the shorter text's token bigrams found in the longer one, in [0, 1]: a short summary of an answer
 * (the article's recap section) scores high against the full answer it summarises.
 */
export function containment(a: string, b: string): number {
  const ga = bigrams(a);
  const gb = bigrams(b);
  const [small, large] = total(ga) <= total(gb) ? [ga, gb] : [gb, ga];
  const size = total(small);
  return size === 0 ? 0 : sharedCount(small, large) / size;
}
