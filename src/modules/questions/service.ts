import { z } from "zod";
import { type Db, queryRows } from "../../db.ts";
import type { $Enums } from "../../generated/prisma/client.ts";
import { ForbiddenError, parseInput, UnauthenticatedError } from "../../lib/domain-errors.ts";
import { cursorError, decodeCursor, keysetPage, type Page } from "../../lib/keyset-cursor.ts";
import type { AuthUser } from "../auth/context.ts";
import { searchTerms } from "./search.ts";
import { type QuestionListFilter, type QuestionListRow, questionCountSql, questionPageSql } from "./sql.ts";

export const PAGE_SIZE_MAX = 100;

export const listQuestionsSchema = z.object({
  filter: z
    .object({
      kind: z.enum(["CONCEPT", "CODING"]).nullish(),
      difficulty: z.enum(["EASY", "MEDIUM", "HARD"]).nullish(),
      topic: z.string().trim().min(1, "must not be empty").max(100).nullish(),
      status: z.enum(["NOT_STARTED", "ATTEMPTED", "SOLVED", "REVIEWING"]).nullish(),
      search: z.string().trim().max(200, "must be at most 200 characters").nullish(),
      questionStatus: z.enum(["DRAFT", "PUBLISHED", "ARCHIVED"]).nullish(),
    })
    .nullish(),
  first: z.number().int().min(0, "must be ≥ 0").max(PAGE_SIZE_MAX, `must be ≤ ${PAGE_SIZE_MAX}`).default(20),
  after: z.string().max(200).nullish(),
});
export type ListQuestionsInput = z.infer<typeof listQuestionsSchema>;

/** Anonymous users and learners see published questions only; admins may ask for any status. */
function visibleStatus(viewer: AuthUser | null, requested: ListQuestionsInput["filter"]): $Enums.QuestionStatus {
  const wanted = requested?.questionStatus;
  if (wanted && wanted !== "PUBLISHED" && viewer?.role !== "ADMIN") {
    throw new ForbiddenError("filter.questionStatus other than PUBLISHED is for admins");
  }
  return wanted ?? "PUBLISHED";
}

function listFilter(input: ListQuestionsInput, viewer: AuthUser | null): QuestionListFilter {
  const filter = input.filter;
  if (filter?.status && !viewer) throw new UnauthenticatedError("filter.status needs a signed-in learner");
  return {
    status: visibleStatus(viewer, filter),
    kind: filter?.kind,
    difficulty: filter?.difficulty,
    topic: filter?.topic,
    progress: filter?.status && viewer ? { userId: viewer.id, status: filter.status } : null,
    terms: searchTerms(filter?.search),
  };
}

export type QuestionPage = Page<QuestionListRow>;

/**
 * A stable keyset page ordered by (createdAt, id), or with a search by relevance first (see search.ts): no item
 * repeats or is skipped across pages. A cursor belongs to its ordering: a search cursor is refused without one.
 */
export async function listQuestions(db: Db, args: unknown, viewer: AuthUser | null): Promise<QuestionPage> {
  const input = parseInput(listQuestionsSchema, args, "");
  const filter = listFilter(input, viewer);
  const after = input.after ? decodeCursor(input.after) : null;
  if (after && (after.rank === null) !== (filter.terms.length === 0)) throw cursorError();
  const [rows, counted] = await Promise.all([
    input.first === 0
      ? Promise.resolve([])
      : queryRows<QuestionListRow>(db, questionPageSql(filter, after, input.first + 1)),
    queryRows<{ totalCount: number }>(db, questionCountSql(filter)),
  ]);
  return keysetPage(rows, input.first, counted[0]?.totalCount ?? 0, (row) => row.searchRank);
}

export async function listTopics(db: Db) {
  return db.topic.findMany({ orderBy: { slug: "asc" } });
}
