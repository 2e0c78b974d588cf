import { z } from "zod";
import { codeLanguageSchema, teachingShape } from "./teaching-schema.ts";

/** The shape of one question file under seed/content (and of the admin `upsertQuestion` input). */

const slug = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "at most 100 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and single hyphens only");

const text = z.string().trim().min(1, "must not be empty");

export const localizedTextSchema = z.strictObject({ zh: text, en: text.optional() });

export const keyPointSchema = z.strictObject({
  zh: text,
  en: text.optional(),
  /** Words a learner's own answer should contain to cover this point (synonyms welcome). */
  keywords: z
    .strictObject({
      zh: z.array(text).default([]),
      en: z.array(text).default([]),
    })
    .optional(),
});

export const exampleSchema = z.strictObject({
  language: codeLanguageSchema,
  code: text,
  /** What the article's version got wrong, or what the example shows. */
  note: localizedTextSchema.optional(),
});

const positiveInt = z.number().int().positive();
const tolerance = z.number().finite().nonnegative();

export const codingSchema = z.strictObject({
  kernelId: z.string().trim().min(1, "must not be empty"),
  timeLimitMs: z.number().int().min(50).max(60_000).default(2000),
  memoryLimitMb: z.number().int().min(8).max(2048).default(64),
  atol: tolerance.optional(),
  rtol: tolerance.optional(),
  testPlan: z
    .strictObject({
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 32 - 1),
      sample: positiveInt.optional(),
      hidden: positiveInt.optional(),
      performance: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

export const sourceSchema = z.strictObject({ section: text, heading: text });

export const questionContentSchema = z
  .strictObject({
    slug,
    kind: z.enum(["CONCEPT", "CODING"]),
    difficulty: z.enum(["EASY", "MEDIUM", "HARD"]),
    status: z.enum(["DRAFT", "PUBLISHED", "ARCHIVED"]).default("DRAFT"),
    topics: z
      .array(slug)
      .min(1, "at least one topic")
      .refine((topics) => new Set(topics).size === topics.length, "topics must not repeat"),
    title: localizedTextSchema,
    body: localizedTextSchema,
    answer: localizedTextSchema,
    explanation: localizedTextSchema.optional(),
    keyPoints: z.array(keyPointSchema).default([]),
    examples: z.array(exampleSchema).default([]),
    source: sourceSchema.optional(),
    coding: codingSchema.optional(),
    ...teachingShape,
  })
  .superRefine((content, ctx) => {
    if (content.kind === "CODING" && !content.coding) {
      ctx.addIssue({ code: "custom", path: ["coding"], message: "a CODING question needs a coding section" });
    }
    if (content.kind === "CONCEPT" && content.coding) {
      ctx.addIssue({ code: "custom", path: ["coding"], message: "only CODING questions have a coding section" });
    }
    if (content.kind === "CONCEPT") {
      // A concept question's answer is visible to everyone: hints and a gated editorial belong to problems.
      for (const key of ["hints", "editorial", "articleExercise"] as const) {
        const value = content[key];
        if (value !== undefined) {
          ctx.addIssue({ code: "custom", path: [key], message: `only CODING questions have ${key}` });
        }
      }
    }
  });

export type QuestionContent = z.output<typeof questionContentSchema>;
/** What a file or an admin may write: defaults (status, keyPoints, examples, limits) may be left out. */
export type QuestionContentInput = z.input<typeof questionContentSchema>;

export const topicSchema = z.strictObject({ slug, zh: text, en: text });
export type TopicContent = z.output<typeof topicSchema>;

export const topicListSchema = z
  .array(topicSchema)
  .refine((topics) => new Set(topics.map((t) => t.slug)).size === topics.length, "topic slugs must not repeat");
