// The shapes of a question's JSON columns that GraphQL types are resolved from (the code generator maps KeyPoint,
// FollowUp, CodeExample and Reference to these; codegen.ts).
import type { LocalizedText } from "./teaching.ts";

export type KeyPointJson = LocalizedText & { concepts?: unknown };
/** A concept question's follow-ups all have answers; a coding problem's may be questions only. */
export type FollowUpJson = { question: LocalizedText; answer?: LocalizedText | null };
export type ReferenceJson = { title: string; url?: string | null };
export type ExampleJson = { language: string; code: string; note?: LocalizedText | null };
