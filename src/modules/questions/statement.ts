// A coding problem's statement as a learner of one language reads it: the shared, language-neutral text with the
// language's own part (problem.yaml `languages`: signature, argument shapes, the example, result key names) put
// where the shared body says {{language}}, or after it. TypeScript's part is JavaScript's too; a question without
// parts (concept questions) reads the same in every language.
import type { Question } from "../../generated/prisma/client.ts";
import type { Language } from "../../generated/prisma/enums.ts";
import { type LocaleArgs, localized } from "../../lib/locale.ts";
import type { LanguagePart, LanguageParts } from "../content/teaching-schema.ts";

export type LocalizedText = { zh: string; en?: string | null };
export type StatementArgs = LocaleArgs & { language?: Language };

/** Where the shared body takes the language's part; without it the part follows the body. */
export const LANGUAGE_SLOT = "{{language}}";

export function languagePartOf(
  parts: Pick<Question, "languageParts">["languageParts"] | LanguageParts | null | undefined,
  language: Language = "TYPESCRIPT",
): LanguagePart | null {
  if (!parts) return null;
  return (parts as LanguageParts)[language === "PYTHON" ? "python" : "typescript"] ?? null;
}

/** The body in the locale, with the language's part in its slot (or appended). */
export function bodyIn(shared: LocalizedText, part: LanguagePart | null, args: StatementArgs): string {
  const body = localized(shared.zh, shared.en, args);
  const own = part ? localized(part.body.zh, part.body.en, args).trim() : "";
  if (body.includes(LANGUAGE_SLOT)) return body.replace(LANGUAGE_SLOT, () => own);
  return own ? `${body.trimEnd()}\n\n${own}\n` : body;
}

/** The shared constraints, then the language's own. */
export function constraintsIn(shared: LocalizedText[], part: LanguagePart | null, args: StatementArgs): string[] {
  return [...shared, ...(part?.constraints ?? [])].map((text) => localized(text.zh, text.en, args));
}

/** The editorial's approach, then the language's solution notes. */
export function approachIn(shared: LocalizedText, part: LanguagePart | null, args: StatementArgs): string {
  const approach = localized(shared.zh, shared.en, args);
  return part?.notes ? `${approach.trimEnd()}\n\n${localized(part.notes.zh, part.notes.en, args)}` : approach;
}
