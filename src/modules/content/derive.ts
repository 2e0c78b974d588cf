import { createHash } from "node:crypto";
import type { StoredTestPlan } from "../../kernels/problem-tests.ts";
import { canonicalLine, searchableText } from "../../lib/text/search.ts";
import { normalizeText } from "../../lib/text/tokens.ts";
import { getKernel } from "../../problems/registry.ts";
import type { QuestionContent } from "./content-schema.ts";
import { ContentValidationError } from "./errors.ts";

/** The CodingProblem row a CODING question file describes, with the kernel's defaults filled in. */
export type ResolvedCoding = {
  kernelId: string;
  functionName: string;
  signature: string;
  starterCode: string;
  solutionCode: string;
  timeLimitMs: number;
  memoryLimitMb: number;
  atol: number;
  rtol: number;
  /** Stored with every count spelled out, so the problem's tests do not change when a kernel's defaults do. */
  testPlan: Required<StoredTestPlan>;
};

/** A seed derived from the slug, so a file without `testPlan.seed` still gets stable tests. */
function slugSeed(slug: string): number {
  return createHash("sha256").update(slug).digest().readUInt32BE(0);
}

/** null for CONCEPT questions; throws ContentValidationError for an unknown kernel. */
export function resolveCoding(content: QuestionContent): ResolvedCoding | null {
  const coding = content.coding;
  if (!coding) return null;
  const kernelId = coding.kernelId ?? content.slug;
  const kernel = getKernel(kernelId);
  if (!kernel) {
    throw new ContentValidationError([
      {
        path: coding.kernelId === undefined ? "slug" : "coding.kernelId",
        message: `unknown kernel "${kernelId}" (no problem folder src/problems/${kernelId})`,
      },
    ]);
  }
  const plan = coding.testPlan;
  return {
    kernelId: kernel.id,
    functionName: kernel.functionName,
    signature: kernel.signature,
    starterCode: kernel.starterCode,
    solutionCode: kernel.solutionCode,
    timeLimitMs: coding.timeLimitMs,
    memoryLimitMb: coding.memoryLimitMb,
    atol: coding.atol ?? kernel.tolerance.atol,
    rtol: coding.rtol ?? kernel.tolerance.rtol,
    testPlan: {
      seed: plan?.seed ?? slugSeed(content.slug),
      counts: {
        sample: plan?.sample ?? kernel.testCounts.sample,
        hidden: plan?.hidden ?? kernel.testCounts.hidden,
        performance: plan?.performance ?? kernel.testCounts.performance,
      },
    },
  };
}

/** JSON with object keys sorted at every level, so equal content always serialises the same way. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Hash of everything a save writes: the normalised content plus what the kernel contributes (signature,
 * starter code, default tolerances), so a kernel change re-imports its problem even if the file did not change.
 */
export function contentHash(content: QuestionContent, coding: ResolvedCoding | null): string {
  return createHash("sha256").update(stableStringify({ content, coding })).digest("hex");
}

export type TopicNames = { nameZh: string; nameEn: string };

/** What a question's search text is made of: its slug, its titles, and every other searchable text. */
export type SearchSource = {
  slug: string;
  titles: readonly (string | null | undefined)[];
  texts: readonly (string | null | undefined)[];
};

type KeyPointTexts = { zh: string; en?: string | null; concepts?: readonly (readonly string[])[] };

/** The searchable parts of a question: titles; statements, key points with their terms, topic names. */
export function searchSourceOf(
  question: {
    slug: string;
    title: { zh: string; en?: string | null };
    body: { zh: string; en?: string | null };
    keyPoints: readonly KeyPointTexts[];
  },
  topics: readonly TopicNames[],
): SearchSource {
  const texts: (string | null | undefined)[] = [question.body.zh, question.body.en];
  for (const point of question.keyPoints) texts.push(point.zh, point.en, ...(point.concepts ?? []).flat());
  // In a fixed order (a question's topics are a set), so the text does not depend on how they were read.
  const sorted = [...topics].sort((a, b) => (a.nameEn < b.nameEn ? -1 : a.nameEn > b.nameEn ? 1 : 0));
  for (const topic of sorted) texts.push(topic.nameZh, topic.nameEn);
  return { slug: question.slug, titles: [question.title.zh, question.title.en], texts };
}

function present(parts: readonly (string | null | undefined)[]): string[] {
  return parts.filter((part): part is string => Boolean(part));
}

/**
 * The text the API searches with LIKE (and a trigram index), normalised by src/lib/text (the self-check's words):
 * line 1 the slug and its canonical words, line 2 the titles as written (lower case) and their canonical words —
 * the ranking reads these two lines — then the other texts as written and their canonical words.
 */
export function buildSearchText(source: SearchSource): string {
  const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
  const titles = oneLine(present(source.titles).join(" "));
  return [
    `${source.slug} ${canonicalLine(source.slug)}`,
    oneLine(`${normalizeText(titles)} ${canonicalLine(titles)}`),
    searchableText(present(source.texts).join("\n")),
  ].join("\n");
}

/** Plain JSON (drops undefined), as Prisma's Json columns expect. */
export function toJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
