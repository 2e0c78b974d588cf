import type { Resolvers } from "../../generated/graphql.ts";
import { type LocaleArgs, localized } from "../../lib/locale.ts";
import { type Context, requireUser } from "../auth/context.ts";
import type { ArticleExercise, Editorial } from "../content/teaching-schema.ts";
import {
  codingProblemByQuestionId,
  editorialAccessByQuestionId,
  gaveUpAtByQuestionId,
  relatedByQuestion,
  revealedHintCountByQuestionId,
} from "./loaders.ts";
import { readGuarded } from "./read-guarded.ts";
import { approachIn, constraintsIn, languagePartOf, type StatementArgs } from "./statement.ts";
import {
  type ArticleExerciseView,
  type EditorialView,
  editorialView,
  giveUp,
  hintsOf,
  type LocalizedText,
  type RevealedHint,
  requireEditorialOpen,
  revealHint,
} from "./teaching.ts";

/** The Progress row, or the NOT_STARTED stand-in the progress module returns without one; both carry the question id. */
type ProgressParent = { questionId: string };
type ExerciseParent = ArticleExerciseView;

const texts = (items: unknown, args: LocaleArgs) => (items as LocalizedText[]).map((t) => localized(t.zh, t.en, args));

export const resolvers: Resolvers = {
  Mutation: {
    revealHint: (_: unknown, args: { slug: string; index: number }, ctx: Context) =>
      revealHint(ctx.db, requireUser(ctx).id, args),
    giveUp: (_: unknown, args: { slug: string }, ctx: Context) => giveUp(ctx.db, requireUser(ctx).id, args.slug),
  },
  // Every content field goes through the visibility rule, as the statement's fields do (readGuarded).
  Question: {
    origin: readGuarded((q) => (q.sourceRef ? "ARTICLE" : "PLATFORM_EXTENSION")),
    constraints: readGuarded((q, args: StatementArgs) =>
      constraintsIn(q.constraints as LocalizedText[], languagePartOf(q.languageParts, args.language), args),
    ),
    hintCount: readGuarded((q) => hintsOf(q).length),
    revealedHints: readGuarded(async (q, _, ctx): Promise<RevealedHint[]> => {
      if (!ctx.user) return [];
      const count = await revealedHintCountByQuestionId(ctx, ctx.user.id).load(q.id);
      return hintsOf(q)
        .slice(0, count)
        .map((hint, index) => ({ index, ...hint }));
    }),
    editorialAccess: readGuarded((q, _, ctx) => editorialAccessByQuestionId(ctx).load(q.id)),
    editorial: readGuarded(async (q, _, ctx) => {
      if (q.kind !== "CODING" || !q.editorial) return null;
      const [problem, access] = await Promise.all([
        codingProblemByQuestionId(ctx).load(q.id),
        editorialAccessByQuestionId(ctx).load(q.id),
      ]);
      return editorialView(q, problem, ctx.user, access);
    }),
    relatedProblems: readGuarded(async (q, _, ctx) =>
      (await relatedByQuestion(ctx).load(q)).filter((related) => related.kind === "CODING"),
    ),
    relatedConcepts: readGuarded(async (q, _, ctx) =>
      (await relatedByQuestion(ctx).load(q)).filter((related) => related.kind === "CONCEPT"),
    ),
    articleExercise: readGuarded((q): ExerciseParent | null =>
      q.articleExercise ? { ...(q.articleExercise as ArticleExercise), questionId: q.id } : null,
    ),
  },
  QuestionProgress: {
    hintsRevealed: (progress: ProgressParent, _: unknown, ctx: Context) =>
      revealedHintCountByQuestionId(ctx, requireUser(ctx).id).load(progress.questionId),
    gaveUpAt: (progress: ProgressParent, _: unknown, ctx: Context) =>
      gaveUpAtByQuestionId(ctx, requireUser(ctx).id).load(progress.questionId),
  },
  Hint: {
    text: (hint: RevealedHint, args: LocaleArgs) => localized(hint.zh, hint.en, args),
  },
  Editorial: {
    summary: (e: EditorialView, args: LocaleArgs) => localized(e.answer.zh, e.answer.en, args),
    approach: (e: EditorialView, args: StatementArgs) =>
      approachIn(e.approach, languagePartOf(e.languageParts, args.language), args),
    naive: (e: Editorial, args: LocaleArgs) => localized(e.naive.zh, e.naive.en, args),
    discussion: (e: EditorialView, args: LocaleArgs) =>
      e.explanation ? localized(e.explanation.zh, e.explanation.en, args) : null,
    pitfalls: (e: Editorial, args: LocaleArgs) => texts(e.pitfalls, args),
  },
  ArticleExercise: {
    // The corrected code is an accepted solution of the problem: it opens with the editorial.
    correctedCode: async (exercise: ExerciseParent, _: unknown, ctx: Context) => {
      requireEditorialOpen(
        ctx.user,
        await editorialAccessByQuestionId(ctx).load(exercise.questionId),
        "corrected code",
      );
      return exercise.correctedCode;
    },
    note: (exercise: ArticleExercise, args: LocaleArgs) => localized(exercise.note.zh, exercise.note.en, args),
  },
};
