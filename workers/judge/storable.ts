// Learner text (a thrown message, a sample's output preview) may hold any UTF-16 content, and Postgres
// stores neither U+0000 (in text or jsonb) nor a lone surrogate (in jsonb: JSON.stringify writes it as a
// \udXXX escape, which jsonb refuses). Either made the verdict write fail, so the job was retried four times
// and ended INTERNAL_ERROR. Both become U+FFFD, the character decoders use for what cannot be represented.
import type { GradeResult } from "../../src/grading/result.ts";

const REPLACEMENT = "\uFFFD";

export function storableText(text: string): string {
  return text.toWellFormed().replaceAll("\u0000", REPLACEMENT);
}

/** A JSON-safe value with every string (object keys included) storable. */
function storable(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(storable);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [storableText(key), storable(field)]));
  }
  return value;
}

/** The result with every string it holds made storable (previews are small: this walks a few KiB). */
export function storableResult(result: GradeResult): GradeResult {
  return storable(result) as GradeResult;
}
