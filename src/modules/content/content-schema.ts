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

/** Alternative terms, any one of which shows the learner named this concept (zh and en mixed). */
const conceptSchema = z.array(text).min(1, "a concept needs at least one term");

/**
 * A common wrong claim about a point: when every `when` group has a term in one sentence, and no `unless` term is in
 * that sentence, the learner is corrected. `unless` keeps the right claim out ("训练损失下降而验证损失上升时早停").
 */
export const misconceptionSchema = z.strictObject({
  zh: text,
  en: text.optional(),
  when: z.array(conceptSchema).min(1, "name at least one group of terms"),
  unless: z.array(text).default([]),
  /** Where the groups must meet: a sentence (default), or one clause for definitions ("召回率是预测为正的样本中…"). */
  scope: z.enum(["SENTENCE", "CLAUSE"]).default("SENTENCE"),
  correction: localizedTextSchema,
});

export const keyPointSchema = z
  .strictObject({
    zh: text,
    en: text.optional(),
    /** Groups of alternative terms; an answer covers the point when `need` groups (default: all) have a term. */
    concepts: z.array(conceptSchema).min(1, "a key point needs at least one concept"),
    need: z.number().int().positive().optional(),
    misconceptions: z.array(misconceptionSchema).default([]),
  })
  .refine((point) => (point.need ?? point.concepts.length) <= point.concepts.length, {
    path: ["need"],
    message: "cannot need more concepts than the point lists",
  });
export type KeyPointContent = z.output<typeof keyPointSchema>;

export const FOLLOW_UPS_MAX = 3;

/**
 * What an interviewer asks next, with a short answer. Concept questions answer every follow-up (the question
 * schema checks it); a coding problem's follow-up may be a question to think about (a variant, a scale-up).
 */
export const followUpSchema = z.strictObject({ question: localizedTextSchema, answer: localizedTextSchema.optional() });

/** A paper, official document or library definition a claim rests on; a book may have no stable link. */
export const referenceSchema = z.strictObject({
  title: text,
  url: z.url({ protocol: /^https$/, error: "an https URL" }).optional(),
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
  /** Defaults to the slug: a problem folder's name is its slug and its kernel's id. */
  kernelId: z.string().trim().min(1, "must not be empty").optional(),
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
    // Optional rather than defaulted, so code that builds a question in memory need not list them.
    followUps: z.array(followUpSchema).max(FOLLOW_UPS_MAX, `at most ${FOLLOW_UPS_MAX} follow-ups`).optional(),
    references: z.array(referenceSchema).optional(),
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
      content.followUps?.forEach((followUp, index) => {
        if (!followUp.answer) {
          ctx.addIssue({
            code: "custom",
            path: ["followUps", index, "answer"],
            message: "a concept question's follow-up needs an answer",
          });
        }
      });
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
