import type { Question, QuestionRevision } from "../../generated/prisma/client.ts";
import { type Context, requireAdmin } from "../../graphql/context.ts";
import { badUserInput, forbidden, notFound } from "../../graphql/errors.ts";
import {
  ContentValidationError,
  parseQuestionContent,
  QuestionNotFoundError,
  saveQuestion,
  setQuestionStatus,
} from "./service.ts";

/** GraphQL sends explicit nulls for omitted optional fields; the content schema wants them absent. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== null)
        .map(([key, inner]) => [key, withoutNulls(inner)]),
    );
  }
  return value;
}

function asApiError(error: unknown, fieldPrefix: string): unknown {
  if (error instanceof ContentValidationError) {
    return badUserInput(
      error.issues.map((issue) => ({
        field: [fieldPrefix, issue.path].filter(Boolean).join("."),
        message: issue.message,
      })),
    );
  }
  if (error instanceof QuestionNotFoundError) return notFound(error.message);
  return error;
}

export const resolvers = {
  Mutation: {
    upsertQuestion: async (_: unknown, args: { input: unknown }, ctx: Context) => {
      const admin = requireAdmin(ctx);
      try {
        const content = parseQuestionContent(withoutNulls(args.input));
        const saved = await saveQuestion(ctx.db, content, { editorId: admin.id });
        if (saved.outcome !== "unchanged") ctx.onContentChanged();
        return saved.question;
      } catch (error) {
        throw asApiError(error, "input");
      }
    },
    setQuestionStatus: async (_: unknown, args: { slug: string; status: Question["status"] }, ctx: Context) => {
      const admin = requireAdmin(ctx);
      try {
        const question = await setQuestionStatus(ctx.db, args.slug, args.status, { editorId: admin.id });
        ctx.onContentChanged();
        return question;
      } catch (error) {
        throw asApiError(error, "");
      }
    },
  },
  Question: {
    revisions: (question: Question, _: unknown, ctx: Context) => {
      if (ctx.user?.role !== "ADMIN") throw forbidden("Only admins can read revisions.");
      return ctx.db.questionRevision.findMany({
        where: { questionId: question.id },
        orderBy: { revision: "desc" },
        include: { editor: true },
      });
    },
  },
  QuestionRevision: {
    snapshot: (revision: QuestionRevision) => revision.snapshot,
  },
};
