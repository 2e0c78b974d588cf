// Which languages a coding problem can be answered in, and its signature and starter code in each. TypeScript
// and JavaScript share the kernel's (stored) TypeScript forms; Python has its own form per kernel
// (src/kernels/python), so a problem lists PYTHON once its kernel has one.
import type { CodingProblem } from "../../generated/prisma/client.ts";
import type { Language } from "../../generated/prisma/enums.ts";
import { starterInChinese } from "../../kernels/starter-comments.ts";
import type { Locale } from "../../lib/locale.ts";
import { problems, pythonFormOf } from "../../problems/registry.ts";

export const LANGUAGES: readonly Language[] = ["TYPESCRIPT", "JAVASCRIPT", "PYTHON"];

export function languagesOf(kernelId: string): Language[] {
  return pythonFormOf(kernelId) ? ["TYPESCRIPT", "JAVASCRIPT", "PYTHON"] : ["TYPESCRIPT", "JAVASCRIPT"];
}

type ProblemForms = Pick<CodingProblem, "kernelId" | "signature" | "starterCode">;

/** The problem's form in `language`, or null when it cannot be answered in it. */
export function formIn(
  problem: ProblemForms,
  language: Language,
): { signature: string; starterCode: string; allowed: string | null } | null {
  if (language !== "PYTHON") return { signature: problem.signature, starterCode: problem.starterCode, allowed: null };
  const form = pythonFormOf(problem.kernelId);
  return form ? { signature: form.signature, starterCode: form.starterCode, allowed: form.allowed } : null;
}

/** A starter's comments in the learner's locale (the code itself is the same in every locale). */
export function starterCodeIn(kernelId: string, starterCode: string, language: Language, locale: Locale): string {
  if (locale !== "ZH") return starterCode;
  const zh = problems.get(kernelId)?.starterCommentsZh;
  return starterInChinese(starterCode, language === "PYTHON" ? "python" : "typescript", zh);
}

/** What a solution in `language` may use, in the locale (English where the form says nothing of it). */
export function allowedIn(kernelId: string, allowed: string | null, locale: Locale): string | null {
  if (allowed === null || locale === "EN") return allowed;
  return problems.get(kernelId)?.allowedZh ?? allowed;
}
