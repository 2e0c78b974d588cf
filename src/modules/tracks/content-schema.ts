import { z } from "zod";

/** The shape of one track file under seed/content/tracks (a study plan: an ordered list of questions). */

const slug = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "at most 100 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and single hyphens only");

const text = z.string().trim().min(1, "must not be empty");

/** Both languages are required: a track is the first thing a learner reads, in either language. */
const bilingualSchema = z.strictObject({ zh: text, en: text });

export const TRACK_LEVELS = ["BEGINNER", "INTERMEDIATE", "ADVANCED"] as const;
export const TRACK_ITEMS_MAX = 200;

export const trackContentSchema = z.strictObject({
  slug,
  /** Position in the list of tracks (ties by slug). */
  order: z.number().int().min(0).max(10_000),
  level: z.enum(TRACK_LEVELS),
  title: bilingualSchema,
  description: bilingualSchema,
  /** Question slugs, in the order a learner should take them (a concept before the problem that implements it). */
  items: z
    .array(slug)
    .min(1, "a track needs at least one item")
    .max(TRACK_ITEMS_MAX, `at most ${TRACK_ITEMS_MAX} items`)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item)) ctx.addIssue({ code: "custom", path: [index], message: `"${item}" is listed twice` });
        seen.add(item);
      });
    }),
});

export type TrackContent = z.output<typeof trackContentSchema>;
