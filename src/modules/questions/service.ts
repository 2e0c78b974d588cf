import { z } from "zod";
import { type Db, queryRows } from "../../db.ts";
import type { $Enums } from "../../generated/prisma/client.ts";
import { ForbiddenError, parseInput, UnauthenticatedError } from "../../lib/domain-errors.ts";
import { keysetPage, keysetWindow, type Page } from "../../lib/keyset-cursor.ts";
import type { AuthUser } from "../auth/context.ts";
import { searchTerms } from "./search.ts";
import { type QuestionListFilter, type QuestionListRow, questionCountSql, questionPageSql } from "./sql.ts";

export const PAGE_SIZE_MAX = 100;
const PAGE_SIZE_DEFAULT = 20;

export const listQuestionsSchema = z.object({
  filter: z
    .object({
      kind: z.enum(["CONCEPT", "CODING"]).nullish(),
      difficulty: z.enum(["EASY", "MEDIUM", "HARD"]).nullish(),
      topic: z.string().trim().min(1, "must not be empty").max(100).nullish(),
      track: z.string().trim().min(1, "must not be empty").max(100).nullish(),
      status: z.enum(["NOT_STARTED", "ATTEMPTED", "SOLVED", "REVIEWING"]).nullish(),
      search: z
        .string()
        .trim()
        .max(200, "must be at most 200 characters")
        // PostgreSQL text cannot hold U+0000.
        .refine((search) => !search.includes("\u0000"), "must not contain NUL characters")
        .nullish(),
      questionStatus: z.enum(["DRAFT", "PUBLISHED", "ARCHIVED"]).nullish(),
    })
    .nullish(),
  first: z.number().int().min(0, "must be ≥ 0").max(PAGE_SIZE_MAX, `must be ≤ ${PAGE_SIZE_MAX}`).nullish(),
  after: z.string().max(200).nullish(),
  last: z.number().int().min(0, "must be ≥ 0").max(PAGE_SIZE_MAX, `must be ≤ ${PAGE_SIZE_MAX}`).nullish(),
  before: z.string().max(200).nullish(),
});
export type ListQuestionsInput = z.infer<typeof listQuestionsSchema>;

/** Anonymous users and learners see published questions only; admins may ask for any status. */
function visibleStatus(viewer: AuthUser | null, requested: ListQuestionsInput["filter"]): $Enums.QuestionStatus {
  const wanted = requested?.questionStatus;
  if (wanted && wanted !== "PUBLISHED" && viewer?.role !== "ADMIN") {
    throw new ForbiddenError({
      zh: "PUBLISHED 以外的 filter.questionStatus 仅供管理员使用",
      en: "filter.questionStatus other than PUBLISHED is for admins",
    });
  }
  return wanted ?? "PUBLISHED";
}

function listFilter(input: ListQuestionsInput, viewer: AuthUser | null): QuestionListFilter {
  const filter = input.filter;
  if (filter?.status && !viewer) {
    throw new UnauthenticatedError({ zh: "filter.status 需要登录", en: "filter.status needs a signed-in learner" });
  }
  return {
    status: visibleStatus(viewer, filter),
    kind: filter?.kind,
    difficulty: filter?.difficulty,
    topic: filter?.topic,
    track: filter?.track,
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
  // A search ranks the list, and its cursors carry the rank: keysetWindow refuses a cursor of the other ordering.
  const keyset = keysetWindow(input, "asc", PAGE_SIZE_DEFAULT, filter.terms.length > 0);
  const count = async () => (await queryRows<{ totalCount: number }>(db, questionCountSql(filter)))[0]?.totalCount ?? 0;
  if (filter.terms.length > 0) {
    // A search's page counts its matches (questionPageSql); only an empty page needs the count statement.
    const rows = keyset.size === 0 ? [] : await queryRows<QuestionListRow>(db, questionPageSql(filter, keyset));
    const total = rows[0]?.totalCount ?? (await count());
    return keysetPage(rows, keyset, total, (row) => row.searchRank);
  }
  const [rows, total] = await Promise.all([
    keyset.size === 0 ? Promise.resolve([]) : queryRows<QuestionListRow>(db, questionPageSql(filter, keyset)),
    count(),
  ]);
  return keysetPage(rows, keyset, total, (row) => row.searchRank);
}

export async function listTopics(db: Db) {
  return db.topic.findMany({ orderBy: { slug: "asc" } });
}
