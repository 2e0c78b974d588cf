import { NotFoundError } from "../../lib/domain-errors.ts";
import type { Context } from "../auth/context.ts";
import type { QuestionRow } from "./sql.ts";
import { canReadQuestion } from "./visibility.ts";

/**
 * A content field of Question applies the visibility rule again: every path that returns a question
 * already does, so this only matters for a path that forgets to — it then shows no unreleased content.
 */
export function readGuarded<TArgs, TResult>(read: (question: QuestionRow, args: TArgs, ctx: Context) => TResult) {
  return (question: QuestionRow, args: TArgs, ctx: Context): TResult => {
    if (!canReadQuestion(question, ctx.user)) throw new NotFoundError({ zh: "没有这道题。", en: "No such question." });
    return read(question, args, ctx);
  };
}
