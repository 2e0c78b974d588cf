import { z } from "zod";

/**
 * PostgreSQL text cannot hold U+0000 (the statement fails: an internal error instead of the client's), and a lone
 * surrogate would be stored as U+FFFD, silently changing the text.
 */
export const isStorableText = (text: string): boolean => !text.includes("\u0000") && text.isWellFormed();
export const UNSTORABLE_TEXT = "must not contain NUL characters or unpaired surrogates";

/** A question's slug as an argument: every slug argument goes through this before it reaches a query. */
export const slugArgument = z
  .string()
  .trim()
  .min(1, "is required")
  .max(200, "must be at most 200 characters")
  .refine(isStorableText, UNSTORABLE_TEXT);
