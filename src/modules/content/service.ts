import type { Db } from "../../db.ts";
import { Prisma, type Question, type QuestionStatus } from "../../generated/prisma/client.ts";
import { ForbiddenError, NotFoundError } from "../../lib/domain-errors.ts";
import type { AuthUser } from "../auth/context.ts";
import { type QuestionContent, questionContentSchema, type TopicContent, topicListSchema } from "./content-schema.ts";
import { buildSearchText, contentHash, type ResolvedCoding, resolveCoding, searchSourceOf, toJson } from "./derive.ts";
import { type ContentIssue, ContentValidationError } from "./errors.ts";

export type { ContentIssue } from "./errors.ts";
export { ContentValidationError } from "./errors.ts";

export type SaveOutcome = "created" | "updated" | "unchanged";
export type EditOptions = { editorId?: string };
/** `inputPath`: where the question sits in the caller's input, for field paths in errors (the API: `input`). */
export type SaveOptions = EditOptions & { inputPath?: string };
/** `slugPrefix`: only questions whose slug starts with it are considered (lets content packs share a database). */
export type ArchiveOptions = EditOptions & { slugPrefix?: string };
type Tx = Prisma.TransactionClient;

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }): ContentIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** Validates untrusted input (a parsed file, a GraphQL input) against the question schema. */
export function parseQuestionContent(input: unknown): QuestionContent {
  const result = questionContentSchema.safeParse(input);
  if (!result.success) throw new ContentValidationError(issuesOf(result.error));
  const content = result.data;
  // A problem folder's name is its slug and its kernel's id: the file need not name the kernel. Spelled out
  // here, so a copy saved under another slug (an admin's, a test's) keeps its kernel.
  if (content.coding && content.coding.kernelId === undefined) {
    return { ...content, coding: { ...content.coding, kernelId: content.slug } };
  }
  return content;
}

export function parseTopics(input: unknown): TopicContent[] {
  const result = topicListSchema.safeParse(input);
  if (!result.success) throw new ContentValidationError(issuesOf(result.error));
  return result.data;
}

/** Unknown topic slugs as issues with field paths (topics.N). */
export function missingTopicIssues(content: QuestionContent, knownTopicSlugs: ReadonlySet<string>): ContentIssue[] {
  return content.topics.flatMap((slug, index) =>
    knownTopicSlugs.has(slug) ? [] : [{ path: `topics.${index}`, message: `unknown topic "${slug}"` }],
  );
}

export type PreparedQuestion = { content: QuestionContent; coding: ResolvedCoding | null; hash: string };

/** Schema + kernel checks and the content hash, without touching the database. */
export function prepareQuestion(input: unknown): PreparedQuestion {
  const content = parseQuestionContent(input);
  const coding = resolveCoding(content);
  return { content, coding, hash: contentHash(content, coding) };
}

export type TopicSaveReport = { created: string[]; updated: string[]; unchanged: string[] };

/** Upserts topics by slug; reports which ones changed. */
export async function saveTopics(db: Db, input: TopicContent[]): Promise<TopicSaveReport> {
  const topics = parseTopics(input);
  const existing = new Map(
    (await db.topic.findMany({ where: { slug: { in: topics.map((t) => t.slug) } } })).map((t) => [t.slug, t]),
  );
  const report: TopicSaveReport = { created: [], updated: [], unchanged: [] };
  for (const topic of topics) {
    const current = existing.get(topic.slug);
    if (current && current.nameZh === topic.zh && current.nameEn === topic.en) {
      report.unchanged.push(topic.slug);
      continue;
    }
    await db.topic.upsert({
      where: { slug: topic.slug },
      create: { slug: topic.slug, nameZh: topic.zh, nameEn: topic.en },
      update: { nameZh: topic.zh, nameEn: topic.en },
    });
    (current ? report.updated : report.created).push(topic.slug);
  }
  return report;
}

/** What saveQuestion would do, without writing (for dry runs). */
export async function planQuestion(db: Db, prepared: PreparedQuestion): Promise<SaveOutcome> {
  const existing = await db.question.findUnique({
    where: { slug: prepared.content.slug },
    select: { contentHash: true },
  });
  if (!existing) return "created";
  return existing.contentHash === prepared.hash ? "unchanged" : "updated";
}

/** Serialises every write to one slug, including its creation (when there is no row to lock yet). */
async function lockSlug(tx: Tx, slug: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`question:${slug}`}))`;
}

function sourceRef(content: QuestionContent): string | null {
  return content.source ? `${content.source.section} / ${content.source.heading}` : null;
}

/** The teaching columns (issue §2): JSON as validated, links flattened to slugs (the API reads them both ways). */
function teachingColumns(content: QuestionContent) {
  return {
    constraints: toJson(content.constraints ?? []),
    hints: toJson(content.hints ?? []),
    editorial: content.editorial ? toJson(content.editorial) : Prisma.DbNull,
    relatedSlugs: [...(content.related?.problems ?? []), ...(content.related?.concepts ?? [])],
    articleExercise: content.articleExercise ? toJson(content.articleExercise) : Prisma.DbNull,
  };
}

async function writeCodingProblem(tx: Tx, questionId: string, coding: ResolvedCoding | null): Promise<void> {
  const current = await tx.codingProblem.findUnique({
    where: { questionId },
    select: { id: true, _count: { select: { submissions: true } } },
  });
  if (!coding) {
    if (!current) return;
    // Deleting a problem would cascade to learners' submissions: only an unused one may go.
    if (current._count.submissions > 0) {
      throw new ContentValidationError([
        { path: "kind", message: "cannot turn a CODING question with submissions into a CONCEPT question" },
      ]);
    }
    await tx.codingProblem.delete({ where: { id: current.id } });
    return;
  }
  const data = { ...coding, testPlan: toJson(coding.testPlan) };
  await tx.codingProblem.upsert({ where: { questionId }, create: { questionId, ...data }, update: data });
}

/**
 * Validates `input`, then creates or updates the question `content.slug` in one transaction: columns, topic
 * links, coding problem, revision + snapshot. Does nothing when the content hash matches what is stored.
 */
export async function saveQuestion(
  db: Db,
  input: unknown,
  options: SaveOptions = {},
): Promise<{ question: Question; outcome: SaveOutcome }> {
  try {
    return await writeQuestion(db, input, options);
  } catch (error) {
    if (error instanceof ContentValidationError && options.inputPath) {
      throw new ContentValidationError(error.issues, options.inputPath);
    }
    throw error;
  }
}

async function writeQuestion(
  db: Db,
  input: unknown,
  options: EditOptions,
): Promise<{ question: Question; outcome: SaveOutcome }> {
  const { content, coding, hash } = prepareQuestion(input);
  const stored = await db.question.findUnique({ where: { slug: content.slug } });
  if (stored?.contentHash === hash) return { question: stored, outcome: "unchanged" };

  return db.$transaction(async (tx) => {
    await lockSlug(tx, content.slug);
    const existing = await tx.question.findUnique({ where: { slug: content.slug } });
    if (existing?.contentHash === hash) return { question: existing, outcome: "unchanged" as const };

    const topics = await tx.topic.findMany({ where: { slug: { in: content.topics } } });
    const missing = missingTopicIssues(content, new Set(topics.map((t) => t.slug)));
    if (missing.length > 0) throw new ContentValidationError(missing);
    const topicOrder = new Map(content.topics.map((slug, index) => [slug, index]));
    topics.sort((a, b) => (topicOrder.get(a.slug) ?? 0) - (topicOrder.get(b.slug) ?? 0));

    const revision = existing ? existing.revision + 1 : 1;
    const columns = {
      kind: content.kind,
      difficulty: content.difficulty,
      status: content.status,
      revision,
      titleZh: content.title.zh,
      titleEn: content.title.en ?? null,
      bodyZh: content.body.zh,
      bodyEn: content.body.en ?? null,
      answerZh: content.answer.zh,
      answerEn: content.answer.en ?? null,
      explanationZh: content.explanation?.zh ?? "",
      explanationEn: content.explanation?.en ?? null,
      examples: toJson(content.examples),
      keyPoints: toJson(content.keyPoints),
      followUps: toJson(content.followUps ?? []),
      references: toJson(content.references ?? []),
      sourceRef: sourceRef(content),
      ...teachingColumns(content),
      contentHash: hash,
      searchText: buildSearchText(searchSourceOf(content, topics)),
    };
    const question = existing
      ? await tx.question.update({ where: { id: existing.id }, data: columns })
      : await tx.question.create({ data: { slug: content.slug, ...columns } });

    await tx.questionTopic.deleteMany({ where: { questionId: question.id } });
    await tx.questionTopic.createMany({
      data: topics.map((topic) => ({ questionId: question.id, topicId: topic.id })),
    });
    await writeCodingProblem(tx, question.id, coding);
    await tx.questionRevision.create({
      data: { questionId: question.id, revision, snapshot: toJson(content), editorId: options.editorId ?? null },
    });
    return { question, outcome: existing ? ("updated" as const) : ("created" as const) };
  });
}

/**
 * Status change as a new revision. The stored hash follows the new snapshot, so a later seed from files
 * that still say otherwise restores the files' status (the files are the source of truth for seeded content).
 */
async function changeStatus(tx: Tx, question: Question, status: QuestionStatus, editorId: string | null) {
  const latest = await tx.questionRevision.findFirst({
    where: { questionId: question.id },
    orderBy: { revision: "desc" },
    select: { snapshot: true },
  });
  const parsed = questionContentSchema.safeParse(latest?.snapshot);
  const snapshot = parsed.success ? { ...parsed.data, status } : null;
  let hash: string | null = null;
  if (snapshot) {
    try {
      hash = contentHash(snapshot, resolveCoding(snapshot));
    } catch (error) {
      // A kernel that left the registry: no reproducible hash, so the next seed rewrites the question.
      if (!(error instanceof ContentValidationError)) throw error;
    }
  }
  const revision = question.revision + 1;
  const updated = await tx.question.update({
    where: { id: question.id },
    data: { status, revision, contentHash: hash },
  });
  await tx.questionRevision.create({
    data: { questionId: question.id, revision, snapshot: toJson(snapshot ?? { status }), editorId },
  });
  return updated;
}

/** Sets a question's status (a new revision). Setting the status it already has changes nothing. */
export async function setQuestionStatus(
  db: Db,
  slug: string,
  status: QuestionStatus,
  options: EditOptions = {},
): Promise<Question> {
  return db.$transaction(async (tx) => {
    await lockSlug(tx, slug);
    const question = await tx.question.findUnique({ where: { slug } });
    if (!question) throw new NotFoundError(`No question with slug "${slug}"`);
    if (question.status === status) return question;
    return changeStatus(tx, question, status, options.editorId ?? null);
  });
}

type KeyPointJson = { zh: string; en?: string | null; concepts?: string[][] };

/**
 * Rewrites the search text of every question whose stored text is not what src/lib/text makes of it now (rows
 * saved before a change to the normalisation): the seed runs it, so a deployment's search follows the code without a
 * new revision of any question. Returns the slugs rewritten (with `dryRun`: that would be); `slugPrefix` limits it
 * to the questions whose slug starts with it.
 */
export async function refreshSearchTexts(
  db: Db,
  options: { dryRun?: boolean; slugPrefix?: string } = {},
): Promise<string[]> {
  const rows = await db.question.findMany({
    where: { slug: { startsWith: options.slugPrefix ?? "" } },
    select: {
      id: true,
      slug: true,
      titleZh: true,
      titleEn: true,
      bodyZh: true,
      bodyEn: true,
      keyPoints: true,
      searchText: true,
      topics: { select: { topic: { select: { nameZh: true, nameEn: true } } } },
    },
    orderBy: { slug: "asc" },
  });
  const refreshed: string[] = [];
  for (const row of rows) {
    const searchText = buildSearchText(
      searchSourceOf(
        {
          slug: row.slug,
          title: { zh: row.titleZh, en: row.titleEn },
          body: { zh: row.bodyZh, en: row.bodyEn },
          keyPoints: Array.isArray(row.keyPoints) ? (row.keyPoints as KeyPointJson[]) : [],
        },
        row.topics.map((link) => link.topic),
      ),
    );
    if (searchText === row.searchText) continue;
    refreshed.push(row.slug);
    if (options.dryRun) continue;
    // Only if nobody saved the question meanwhile (a save writes its own, current search text); updatedAt stays:
    // the content did not change.
    await db.$executeRaw`UPDATE "Question" SET "searchText" = ${searchText}
      WHERE "id" = ${row.id}::uuid AND "searchText" = ${row.searchText}`;
  }
  return refreshed;
}

/**
 * Of `slugs`, the questions whose latest revision an admin made through the API (it has an editor), so a
 * seed file must not silently overwrite it: the seed keeps them unless forced.
 */
export async function findEditedByAdmins(db: Db, slugs: readonly string[]): Promise<Set<string>> {
  if (slugs.length === 0) return new Set();
  const rows = await db.$queryRaw<{ slug: string }[]>`
    SELECT q."slug" FROM "Question" q
    JOIN LATERAL (
      SELECT r."editorId" FROM "QuestionRevision" r WHERE r."questionId" = q."id" ORDER BY r."revision" DESC LIMIT 1
    ) latest ON true
    WHERE q."slug" = ANY(${[...slugs]}::text[]) AND latest."editorId" IS NOT NULL`;
  return new Set(rows.map((row) => row.slug));
}

/**
 * Slugs of seeded questions (created without an editor, i.e. by the seed) that are not in `keepSlugs`
 * and not archived yet. Questions an admin created through the API are never candidates.
 */
export async function findMissing(db: Db, keepSlugs: Iterable<string>, slugPrefix = ""): Promise<string[]> {
  const rows = await db.question.findMany({
    where: {
      slug: { notIn: [...keepSlugs], startsWith: slugPrefix },
      status: { not: "ARCHIVED" },
      revisions: { some: { revision: 1, editorId: null } },
    },
    select: { slug: true },
    orderBy: { slug: "asc" },
  });
  return rows.map((row) => row.slug);
}

/** Archives (never deletes) seeded questions that are no longer in the files. Learners' rows are untouched. */
export async function archiveMissing(
  db: Db,
  keepSlugs: Iterable<string>,
  options: ArchiveOptions = {},
): Promise<string[]> {
  const archived: string[] = [];
  for (const slug of await findMissing(db, keepSlugs, options.slugPrefix)) {
    const changed = await db.$transaction(async (tx) => {
      await lockSlug(tx, slug);
      const question = await tx.question.findUnique({ where: { slug } });
      if (!question || question.status === "ARCHIVED") return false;
      await changeStatus(tx, question, "ARCHIVED", options.editorId ?? null);
      return true;
    });
    if (changed) archived.push(slug);
  }
  return archived;
}

/** A question's revisions, newest first, with their editors: admins only (snapshots include unpublished edits). */
export async function questionRevisions(db: Db, questionId: string, viewer: AuthUser | null) {
  if (viewer?.role !== "ADMIN") throw new ForbiddenError("Only admins can read revisions.");
  return db.questionRevision.findMany({
    where: { questionId },
    orderBy: { revision: "desc" },
    include: { editor: true },
  });
}
