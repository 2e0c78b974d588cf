import DataLoader from "dataloader";
import type { Progress } from "../../generated/prisma/client.ts";
import type { Context } from "../auth/context.ts";
import { progressForQuestions } from "./service.ts";

/** The signed-in learner's Progress rows, one query per request for every Question.progress asked. */
export function progressByQuestionId(ctx: Context, userId: string): DataLoader<string, Progress | null> {
  return ctx.loaders.get(
    `progress.byQuestionId:${userId}`,
    () => new DataLoader((questionIds: readonly string[]) => progressForQuestions(ctx.db, userId, questionIds)),
  );
}
