import { z } from "zod";

/**
 * What a coding problem teaches beyond its statement (issue §2): constraints, progressive hints, a gated
 * editorial, links to related questions, and for the article's four exercises the article's own code next to a
 * corrected version. Follow-ups and references are shared with concept questions (content-schema.ts). Every key
 * is optional, and absent rather than defaulted so older snapshots hash the same (admins may draft a problem
 * without them); the content test requires the full set for every coding file under seed/content.
 */

const text = z.string().trim().min(1, "must not be empty");
const localized = z.strictObject({ zh: text, en: text.optional() });
const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a question slug");

function distinct<T extends z.ZodType>(item: T, what: string) {
  return z.array(item).refine((items) => new Set(items).size === items.length, `${what} must not repeat`);
}

export const HINTS_MIN = 2;
export const HINTS_MAX = 4;

export const complexitySchema = z.strictObject({
  /** Big-O in the problem's own symbols, e.g. "O(N·C)". */
  time: text,
  space: text,
});

export const editorialSchema = z.strictObject({
  /** The efficient method, step by step. */
  approach: localized,
  /** The naive method and why it falls short (speed, memory or numerical stability). */
  naive: localized,
  complexity: complexitySchema,
  pitfalls: z.array(localized).min(1, "at least one pitfall"),
});

export const relatedSchema = z.strictObject({
  /** Slugs of CODING questions; the link is shown on both sides. */
  problems: distinct(slug, "related problems").default([]),
  /** Slugs of CONCEPT questions; the link is shown on both sides. */
  concepts: distinct(slug, "related concepts").default([]),
});

/** A code block's language, as Markdown fences name it. */
export const codeLanguageSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9+#-]+$/, "a lower-case language name such as python or typescript");

export const articleExerciseSchema = z.strictObject({
  language: codeLanguageSchema,
  /** The article's code, verbatim. */
  articleCode: text,
  correctedCode: text,
  /** What the article's code gets wrong and what the corrected version changes. */
  note: localized,
});

/**
 * A coding problem's statement in one language: what only a learner of that language should read (the signature,
 * argument shapes and types, the example as that language calls the function, result key names). The shared
 * body, constraints and editorial stay language-neutral; the API appends the part of the language asked for.
 */
export const languagePartSchema = z.strictObject({
  body: localized,
  /** Constraint lines that name this language's types, after the shared ones. */
  constraints: z.array(localized).optional(),
  /** Solution notes for this language, after the editorial's shared approach. */
  notes: localized.optional(),
});
export type LanguagePart = z.output<typeof languagePartSchema>;

/** Both languages or neither: TypeScript's part is JavaScript's too. */
export const languagePartsSchema = z.strictObject({ typescript: languagePartSchema, python: languagePartSchema });
export type LanguageParts = z.output<typeof languagePartsSchema>;

export const teachingShape = {
  /** One line per argument or property: sizes and value ranges, consistent with the kernel's generator. */
  constraints: z.array(localized).optional(),
  hints: z
    .array(localized)
    .max(HINTS_MAX, `at most ${HINTS_MAX} hints`)
    .min(HINTS_MIN, `at least ${HINTS_MIN} hints`)
    .optional(),
  editorial: editorialSchema.optional(),
  related: relatedSchema.optional(),
  articleExercise: articleExerciseSchema.optional(),
  /** CODING questions: the statement's language-specific parts (see languagePartSchema). */
  languages: languagePartsSchema.optional(),
};

export type Editorial = z.output<typeof editorialSchema>;
export type ArticleExercise = z.output<typeof articleExerciseSchema>;
