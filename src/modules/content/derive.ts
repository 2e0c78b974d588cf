import { createHash } from "node:crypto";
import type { StoredTestPlan } from "../../kernels/problem-tests.ts";
import type { AnyKernelSpec } from "../../kernels/types.ts";
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

/**
 * null for CONCEPT questions; throws ContentValidationError for an unknown kernel. `kernelOf` finds kernels (the
 * registry's; the problem tools pass one that also knows a folder not yet registered).
 */
export function resolveCoding(
  content: QuestionContent,
  kernelOf: (id: string) => AnyKernelSpec | undefined = getKernel,
): ResolvedCoding | null {
  const coding = content.coding;
  if (!coding) return null;
  const kernelId = coding.kernelId ?? content.slug;
  const kernel = kernelOf(kernelId);
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

/** Lower-cased text the API searches with ILIKE (and a trigram index): titles, bodies, key points, topic names. */
export function buildSearchText(content: QuestionContent, topics: TopicNames[]): string {
  // The body's slot for its language parts is no word to find; the parts' own text is (both languages').
  const bodies = [content.body, ...Object.values(content.languages ?? {}).map((part) => part.body)];
  const parts: (string | undefined)[] = [
    content.title.zh,
    content.title.en,
    ...bodies.flatMap((body) => [body.zh, body.en].map((text) => text?.replaceAll("{{language}}", " "))),
  ];
  for (const point of content.keyPoints) {
    parts.push(point.zh, point.en, ...point.concepts.flat());
  }
  for (const topic of topics) parts.push(topic.nameZh, topic.nameEn);
  return parts
    .filter((part): part is string => Boolean(part))
    .join("\n")
    .toLowerCase();
}

/** Plain JSON (drops undefined), as Prisma's Json columns expect. */
export function toJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
