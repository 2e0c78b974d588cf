import { z } from "zod";
import type { Db } from "../../db.ts";
import type { CodingProblem, Question } from "../../generated/prisma/client.ts";
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  parseInput,
  UnauthenticatedError,
} from "../../lib/domain-errors.ts";
import { slugArgument } from "../../lib/text-input.ts";
import { pythonFormOf } from "../../problems/registry.ts";
import type { AuthUser } from "../auth/context.ts";
import { findPublishedQuestion, type PublishedQuestion } from "../content/published.ts";
import type { ArticleExercise, Editorial } from "../content/teaching-schema.ts";
import { recordGiveUpSql } from "../progress/solved-rule.ts";
import type { QuestionRow } from "./sql.ts";

/**
 * A problem's teaching material that depends on the learner: hints revealed one at a time (each reveal is a
 * HintReveal row), and the editorial, which opens after an ACCEPTED submission or a recorded give-up.
 */

export type LocalizedText = { zh: string; en?: string | null };
export type RevealedHint = LocalizedText & { index: number };

export type EditorialUnlock = "ACCEPTED" | "GAVE_UP" | "ADMIN";
export type EditorialAccess = { unlocked: boolean; reason: EditorialUnlock | null; gaveUpAt: Date | null };

export type EditorialView = Editorial & {
  answer: LocalizedText;
  explanation: LocalizedText | null;
  /** One reference solution per language the problem can be solved in. */
  solutions: { language: string; code: string }[];
  /** The statement's language-specific parts (their editorial notes follow the approach). */
  languageParts: Question["languageParts"];
};

const LOCKED: EditorialAccess = { unlocked: false, reason: null, gaveUpAt: null };
/** The kernel spec's solutionCode is the TypeScript form; other languages add their own entry. */
const KERNEL_SOLUTION_LANGUAGE = "typescript";

/** The problem's Python reference (src/kernels/python), when it has a Python form. */
function pythonSolutions(kernelId: string): { language: string; code: string }[] {
  const form = pythonFormOf(kernelId);
  return form ? [{ language: "python", code: form.solutionCode }] : [];
}

export function hintsOf(question: Pick<Question, "hints">): LocalizedText[] {
  return question.hints as LocalizedText[];
}

const revealHintSchema = z.object({
  slug: slugArgument,
  index: z.number().int().min(0, "must be ≥ 0"),
});

async function publishedOrThrow(db: Db, slug: string): Promise<PublishedQuestion> {
  const question = await findPublishedQuestion(db, slug);
  if (!question) {
    throw new NotFoundError({
      zh: `没有 slug 为 "${slug}" 的已发布题目`,
      en: `No published question with slug "${slug}"`,
    });
  }
  return question;
}

/** Serialises one learner's reveals on one question, so "hint n needs hint n−1" holds under concurrent calls. */
async function lockLearnerQuestion(tx: Pick<Db, "$executeRaw">, userId: string, questionId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`hints:${userId}:${questionId}`}))`;
}

/**
 * Reveals hint `index` (0-based) and records it. Hints open in order: asking for hint n before n−1 is a
 * BAD_USER_INPUT. Asking again for a hint already revealed returns it and records nothing new.
 */
export async function revealHint(db: Db, userId: string, args: unknown): Promise<RevealedHint> {
  const input = parseInput(revealHintSchema, args, "");
  const question = await publishedOrThrow(db, input.slug);
  const hints = hintsOf(question);
  if (input.index >= hints.length) {
    const range =
      hints.length === 0
        ? { zh: "这道题没有提示", en: "this question has no hints" }
        : { zh: `这道题的提示编号为 0–${hints.length - 1}`, en: `this question has hints 0–${hints.length - 1}` };
    throw new BadUserInputError([{ field: "index", message: range }]);
  }
  await db.$transaction(async (tx) => {
    await lockLearnerQuestion(tx, userId, question.id);
    const revealed = await tx.hintReveal.count({ where: { userId, questionId: question.id } });
    if (input.index > revealed) {
      throw new BadUserInputError([
        {
          field: "index",
          message: {
            zh: `请先打开提示 ${revealed}：提示按顺序逐个打开`,
            en: `reveal hint ${revealed} first: hints open one at a time, in order`,
          },
        },
      ]);
    }
    if (input.index === revealed) {
      await tx.hintReveal.create({ data: { userId, questionId: question.id, hintIndex: input.index } });
    }
  });
  return { index: input.index, ...(hints[input.index] as LocalizedText) };
}

/** Records that the learner gives up on a coding problem: its editorial opens for them (once; idempotent). */
export async function giveUp(db: Db, userId: string, rawSlug: string): Promise<EditorialAccess> {
  const question = await publishedOrThrow(db, parseInput(slugArgument, rawSlug, "slug"));
  if (question.kind !== "CODING") {
    throw new BadUserInputError([
      {
        field: "slug",
        message: { zh: "只有编程题有题解可以打开", en: "only coding problems have an editorial to open" },
      },
    ]);
  }
  await db.$executeRaw(recordGiveUpSql(userId, question.id, new Date()));
  return editorialAccess(db, { id: userId, role: "LEARNER" }, question.id);
}

/** Which of `questionIds` the learner has solved (a FULL ACCEPTED submission) or given up on, in two queries. */
export async function editorialAccessMany(
  db: Db,
  viewer: Pick<AuthUser, "id" | "role"> | null,
  questionIds: readonly string[],
): Promise<EditorialAccess[]> {
  if (!viewer) return questionIds.map(() => LOCKED);
  const [accepted, gaveUp] = await Promise.all([
    db.submission.findMany({
      where: {
        userId: viewer.id,
        verdict: "ACCEPTED",
        mode: "FULL",
        problem: { questionId: { in: [...questionIds] } },
      },
      select: { problem: { select: { questionId: true } } },
      distinct: ["problemId"],
    }),
    db.giveUp.findMany({ where: { userId: viewer.id, questionId: { in: [...questionIds] } } }),
  ]);
  const solved = new Set(accepted.map((row) => row.problem.questionId));
  const gaveUpAt = new Map(gaveUp.map((row) => [row.questionId, row.gaveUpAt]));
  return questionIds.map((id) => {
    const at = gaveUpAt.get(id) ?? null;
    if (solved.has(id)) return { unlocked: true, reason: "ACCEPTED", gaveUpAt: at };
    if (at) return { unlocked: true, reason: "GAVE_UP", gaveUpAt: at };
    // Admins write and check editorials, so they read them without solving the problem first.
    if (viewer.role === "ADMIN") return { unlocked: true, reason: "ADMIN", gaveUpAt: null };
    return LOCKED;
  });
}

export async function editorialAccess(
  db: Db,
  viewer: Pick<AuthUser, "id" | "role"> | null,
  questionId: string,
): Promise<EditorialAccess> {
  const [access] = await editorialAccessMany(db, viewer, [questionId]);
  return access ?? LOCKED;
}

/**
 * What opens with the editorial (the editorial itself, the article exercise's corrected code: both are accepted
 * solutions) raises UNAUTHENTICATED for an anonymous reader and FORBIDDEN for a learner with no ACCEPTED
 * submission and no give-up.
 */
const LOCKED_THINGS = {
  editorial: { zh: "题解", en: "editorial" },
  "corrected code": { zh: "改正后的代码", en: "corrected code" },
} as const;

export function requireEditorialOpen(
  viewer: AuthUser | null,
  access: EditorialAccess,
  what: keyof typeof LOCKED_THINGS,
): void {
  const thing = LOCKED_THINGS[what];
  if (!viewer) {
    throw new UnauthenticatedError({
      zh: `请先登录：${thing.zh}在你第一次提交通过（ACCEPTED）或放弃（giveUp）之后开放。`,
      en: `Sign in: the ${thing.en} opens after an ACCEPTED submission or giveUp.`,
    });
  }
  if (!access.unlocked) {
    throw new ForbiddenError({
      zh: `${thing.zh}在你第一次提交通过（ACCEPTED）之后开放，或在你放弃（mutation giveUp）之后开放。`,
      en: `The ${thing.en} opens after your first ACCEPTED submission, or after you give up (mutation giveUp).`,
    });
  }
}

/**
 * The editorial of a coding problem, or an explicit error while it is locked (requireEditorialOpen). null when
 * there is none to show.
 */
export function editorialView(
  question: QuestionRow,
  problem: CodingProblem | null,
  viewer: AuthUser | null,
  access: EditorialAccess,
): EditorialView | null {
  if (question.kind !== "CODING" || !question.editorial || !problem) return null;
  requireEditorialOpen(viewer, access, "editorial");
  return {
    ...(question.editorial as Editorial),
    answer: { zh: question.answerZh, en: question.answerEn },
    explanation: question.explanationZh ? { zh: question.explanationZh, en: question.explanationEn } : null,
    languageParts: question.languageParts,
    solutions: [
      { language: KERNEL_SOLUTION_LANGUAGE, code: problem.solutionCode },
      ...pythonSolutions(problem.kernelId),
    ],
  };
}

export type RelatedKey = Pick<Question, "id" | "slug" | "relatedSlugs">;

/**
 * Published questions linked to each key, in either direction (a file names the link once; both sides show
 * it), in one query for the whole batch. Ordered by slug.
 */
export async function relatedQuestionsMany(db: Db, keys: readonly RelatedKey[]): Promise<Question[][]> {
  const outgoing = [...new Set(keys.flatMap((key) => key.relatedSlugs))];
  const slugs = keys.map((key) => key.slug);
  const rows = await db.question.findMany({
    where: { status: "PUBLISHED", OR: [{ slug: { in: outgoing } }, { relatedSlugs: { hasSome: slugs } }] },
    orderBy: { slug: "asc" },
  });
  return keys.map((key) =>
    rows.filter(
      (row) => row.id !== key.id && (key.relatedSlugs.includes(row.slug) || row.relatedSlugs.includes(key.slug)),
    ),
  );
}

/** An article exercise with the question it belongs to (its corrected code opens with that question's editorial). */
export type ArticleExerciseView = ArticleExercise & { questionId: string };
