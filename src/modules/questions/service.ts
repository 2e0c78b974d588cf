import { z } from "zod";
import type { Db } from "../../db.ts";
import type { Prisma, Question, Topic } from "../../generated/prisma/client.ts";
import { ForbiddenError, parseInput, UnauthenticatedError } from "../../lib/domain-errors.ts";
import { keysetPage, keysetWindow, type Page } from "../../lib/keyset-cursor.ts";
import type { AuthUser } from "../auth/context.ts";
import { progressStatusWhere } from "../progress/service.ts";
import { readableQuestion } from "./visibility.ts";

export const PAGE_SIZE_MAX = 100;
const PAGE_SIZE_DEFAULT = 20;

export const listQuestionsSchema = z.object({
  filter: z
    .object({
      kind: z.enum(["CONCEPT", "CODING"]).nullish(),
      difficulty: z.enum(["EASY", "MEDIUM", "HARD"]).nullish(),
      topic: z.string().trim().min(1, "must not be empty").max(100).nullish(),
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
function visibilityWhere(viewer: AuthUser | null, requested: ListQuestionsInput["filter"]): Prisma.QuestionWhereInput {
  const wanted = requested?.questionStatus;
  if (wanted && wanted !== "PUBLISHED") {
    if (viewer?.role !== "ADMIN") throw new ForbiddenError("filter.questionStatus other than PUBLISHED is for admins");
    return { status: wanted };
  }
  return { status: "PUBLISHED" };
}

function filterWhere(input: ListQuestionsInput, viewer: AuthUser | null): Prisma.QuestionWhereInput {
  const filter = input.filter;
  const where: Prisma.QuestionWhereInput[] = [visibilityWhere(viewer, filter)];
  if (filter?.kind) where.push({ kind: filter.kind });
  if (filter?.difficulty) where.push({ difficulty: filter.difficulty });
  if (filter?.topic) where.push({ topics: { some: { topic: { slug: filter.topic } } } });
  if (filter?.status) {
    if (!viewer) throw new UnauthenticatedError("filter.status needs a signed-in learner");
    where.push(progressStatusWhere(viewer.id, filter.status));
  }
  // Every whitespace-separated term must occur: ILIKE on the trigram-indexed search text (works for Chinese too).
  for (const term of filter?.search?.toLowerCase().split(/\s+/).filter(Boolean) ?? []) {
    // Prisma passes `contains` to LIKE as is: escaped, `%` and `_` match themselves.
    where.push({ searchText: { contains: term.replace(/[\\%_]/g, "\\$&") } });
  }
  return { AND: where };
}

export type QuestionWithTopics = Question & { topics: { topic: Topic }[] };

export type QuestionPage = Page<QuestionWithTopics>;

/** A stable keyset page ordered by (createdAt, id): no item repeats or is skipped across pages. */
export async function listQuestions(db: Db, args: unknown, viewer: AuthUser | null): Promise<QuestionPage> {
  const input = parseInput(listQuestionsSchema, args, "");
  const where = filterWhere(input, viewer);
  const keyset = keysetWindow(input, "asc", PAGE_SIZE_DEFAULT);
  const [rows, totalCount] = await Promise.all([
    keyset.size === 0
      ? Promise.resolve([])
      : db.question.findMany({
          where: keyset.where ? { AND: [where, keyset.where] } : where,
          orderBy: keyset.orderBy,
          take: keyset.take,
          // Topics come in the same statement (a lateral join): a list page is two statements, page and count.
          include: { topics: { include: { topic: true }, orderBy: { topic: { slug: "asc" } } } },
          relationLoadStrategy: "join",
        }),
    db.question.count({ where }),
  ]);
  return keysetPage(rows, keyset, totalCount);
}

export async function findQuestion(db: Db, slug: string, viewer: AuthUser | null): Promise<Question | null> {
  return readableQuestion(await db.question.findUnique({ where: { slug } }), viewer);
}

export async function listTopics(db: Db) {
  return db.topic.findMany({ orderBy: { slug: "asc" } });
}
