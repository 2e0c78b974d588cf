import type { Resolvers } from "../../generated/graphql.ts";
import type { Question, QuestionRevision } from "../../generated/prisma/client.ts";
import { type Context, requireAdmin } from "../auth/context.ts";
import { questionRevisions, saveQuestion, setQuestionStatus } from "./service.ts";

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

export const resolvers: Resolvers = {
  Mutation: {
    upsertQuestion: async (_: unknown, args: { input: unknown }, ctx: Context) => {
      const admin = requireAdmin(ctx);
      const saved = await saveQuestion(ctx.db, withoutNulls(args.input), { editorId: admin.id, inputPath: "input" });
      if (saved.outcome !== "unchanged") ctx.onContentChanged();
      return saved.question;
    },
    setQuestionStatus: async (_: unknown, args: { slug: string; status: Question["status"] }, ctx: Context) => {
      const admin = requireAdmin(ctx);
      const question = await setQuestionStatus(ctx.db, args.slug, args.status, { editorId: admin.id });
      ctx.onContentChanged();
      return question;
    },
  },
  Question: {
    revisions: (question: Pick<Question, "id">, _: unknown, ctx: Context) =>
      questionRevisions(ctx.db, question.id, ctx.user),
  },
  QuestionRevision: {
    snapshot: (revision: QuestionRevision) => revision.snapshot,
  },
};
