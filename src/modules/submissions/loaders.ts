import DataLoader from "dataloader";
import type { Question } from "../../generated/prisma/client.ts";
import { byKeys } from "../../graphql/loaders.ts";
import type { Context } from "../auth/context.ts";
import { runtimePercentiles } from "./service.ts";

export function questionByProblemId(ctx: Context): DataLoader<string, Question | null> {
  return ctx.loaders.get(
    "submissions.questionByProblemId",
    () =>
      new DataLoader(async (problemIds: readonly string[]) => {
        const problems = await ctx.db.codingProblem.findMany({
          where: { id: { in: [...problemIds] } },
          include: { question: true },
        });
        return byKeys(problemIds, problems, (problem) => problem.id).map((problem) => problem?.question ?? null);
      }),
  );
}

export function percentileBySubmissionId(ctx: Context): DataLoader<string, number | null> {
  return ctx.loaders.get(
    "submissions.percentileBySubmissionId",
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const percentiles = await runtimePercentiles(ctx.db, ids);
        return ids.map((id) => percentiles.get(id) ?? null);
      }),
  );
}
