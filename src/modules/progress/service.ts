import { z } from "zod";
import { type Db, queryRows, utcTimestamp } from "../../db.ts";
import { type $Enums, Prisma, type Progress, type Topic, type User } from "../../generated/prisma/client.ts";
import { BadUserInputError, NotFoundError, parseInput } from "../../lib/domain-errors.ts";
import { slugArgument } from "../../lib/text-input.ts";
import { canonicalTimeZone, localDate } from "../../lib/timezone.ts";
import { findPublishedQuestion } from "../content/published.ts";
import { type AnswerCoverage, checkAnswerCoverage, keyPointsSchema } from "./answer-check/match.ts";
import { type CardFields, recallProbability } from "./review.ts";
import { buildCalendar, type CalendarDay, computeStreaks } from "./streaks.ts";

export {
  activityDay,
  activityUpsertSql,
  type Outcome,
  type ProgressWrite,
  progressUpsertSql,
  recordActivity,
  recordSubmissionResult,
  type SubmissionResult,
  submissionProgressEvent,
} from "./activity.ts";
export { type ReviewItem, type ReviewRating, reviewQuestion, reviewQueue } from "./review.ts";

export type ProgressStatus = $Enums.ProgressStatus;

/** A learner's progress on one question: the Progress row, or a NOT_STARTED stand-in when there is none. */
export type QuestionProgressView = Pick<
  Progress,
  "questionId" | "status" | "attempts" | "firstSolvedAt" | "bestRuntimeMs" | "lastActivityAt"
>;
export type Difficulty = $Enums.Difficulty;

export type Tally = { solved: number; attempted: number; total: number };
export type DifficultyTally = Tally & { difficulty: Difficulty };
/** mastery: mean over the topic's published questions of 0 (unsolved), 1 (solved coding question) or, for a
 * solved concept question with a review card, the card's current FSRS recall probability. */
export type TopicTally = Tally & { topic: Topic; mastery: number };

export type ProgressSummary = Tally & {
  byDifficulty: DifficultyTally[];
  byTopic: TopicTally[];
  currentStreak: number;
  longestStreak: number;
  calendar: CalendarDay[];
  timeZone: string;
  today: string;
};

const DIFFICULTIES: Difficulty[] = ["EASY", "MEDIUM", "HARD"];
const SOLVED_STATUSES: ReadonlySet<ProgressStatus> = new Set(["SOLVED", "REVIEWING"]);

function emptyTally(): Tally {
  return { solved: 0, attempted: 0, total: 0 };
}

/**
 * The learner's summary over published questions: solved (SOLVED or REVIEWING), attempted (ATTEMPTED: tried,
 * not solved yet) and total, by difficulty and by topic with mastery; streaks and the 365-day calendar on
 * their local dates.
 */
/** A review card as json_build_object renders it: timestamps without time zone become ISO text in UTC, no "Z". */
type CardJson = Omit<CardFields, "due" | "lastReview"> & { due: string; lastReview: string | null };

/** A published question the learner has started (their Progress row is not NOT_STARTED), with its topics and card. */
type QuestionStanding = {
  kind: string;
  difficulty: Difficulty;
  status: ProgressStatus;
  topicIds: string[] | null;
  card: CardJson | null;
};

/**
 * The learner's started published questions with topics and review card, in one query driven by their own Progress
 * rows (a few dozen), never by the whole catalogue: at 5,000 questions a per-question LEFT JOIN took 100+ ms.
 */
async function questionStandings(db: Db, userId: string): Promise<QuestionStanding[]> {
  return db.$queryRaw<QuestionStanding[]>`
    SELECT q."kind"::text AS "kind", q."difficulty"::text AS "difficulty", p."status"::text AS "status",
           (SELECT array_agg(qt."topicId"::text) FROM "QuestionTopic" qt WHERE qt."questionId" = q."id") AS "topicIds",
           CASE WHEN c."id" IS NULL THEN NULL ELSE json_build_object(
             'due', c."due", 'stability', c."stability", 'difficulty', c."difficulty", 'elapsedDays', c."elapsedDays",
             'scheduledDays', c."scheduledDays", 'learningSteps', c."learningSteps", 'reps', c."reps",
             'lapses', c."lapses", 'state', c."state", 'lastReview', c."lastReview") END AS "card"
    FROM "Progress" p
    JOIN "Question" q ON q."id" = p."questionId" AND q."status" = 'PUBLISHED'
    LEFT JOIN "ReviewCard" c ON c."questionId" = p."questionId" AND c."userId" = p."userId"
    WHERE p."userId" = ${userId}::uuid AND p."status" <> 'NOT_STARTED'`;
}

/** How many published questions there are, by difficulty and by topic (the denominators of the summary). */
async function publishedTotals(db: Db): Promise<{ byDifficulty: Map<string, number>; byTopic: Map<string, number> }> {
  const [difficulties, topics] = await Promise.all([
    db.$queryRaw<{ difficulty: string; total: number }[]>`
      SELECT "difficulty"::text AS "difficulty", count(*)::int AS "total" FROM "Question"
      WHERE "status" = 'PUBLISHED' GROUP BY "difficulty"`,
    db.$queryRaw<{ topicId: string; total: number }[]>`
      SELECT qt."topicId"::text AS "topicId", count(*)::int AS "total"
      FROM "QuestionTopic" qt JOIN "Question" q ON q."id" = qt."questionId" AND q."status" = 'PUBLISHED'
      GROUP BY qt."topicId"`,
  ]);
  return {
    byDifficulty: new Map(difficulties.map((row) => [row.difficulty, row.total])),
    byTopic: new Map(topics.map((row) => [row.topicId, row.total])),
  };
}

function cardOfJson(card: CardJson | null): CardFields | null {
  if (!card) return null;
  return {
    ...card,
    due: new Date(`${card.due}Z`),
    lastReview: card.lastReview ? new Date(`${card.lastReview}Z`) : null,
  };
}

/**
 * The learner's summary over published questions: solved (SOLVED or REVIEWING), attempted (ATTEMPTED: tried,
 * not solved yet) and total, by difficulty and by topic with mastery; streaks and the 365-day calendar on
 * their local dates. Six small queries, run in parallel.
 */
export async function myProgress(db: Db, userId: string, now: Date = new Date()): Promise<ProgressSummary> {
  const [user, standings, totals, activity, topics] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { timeZone: true } }),
    questionStandings(db, userId),
    publishedTotals(db),
    // Dates as text: no time-zone conversion on the way, and no Date objects to build for a year of rows.
    db.$queryRaw<{ date: string; count: number }[]>`
      SELECT to_char("day", 'YYYY-MM-DD') AS "date", "count" FROM "ActivityDay"
      WHERE "userId" = ${userId}::uuid AND "count" > 0`,
    db.topic.findMany({ orderBy: { slug: "asc" } }),
  ]);
  if (!user) throw new NotFoundError({ zh: "没有这位用户。", en: "No such user." });
  const timeZone = canonicalTimeZone(user.timeZone) ?? "UTC";
  const today = localDate(now, timeZone);

  // Every published question counts in the totals; only the learner's started ones add to solved and attempted.
  const byDifficulty = new Map(
    DIFFICULTIES.map((difficulty) => [
      difficulty,
      { ...emptyTally(), total: totals.byDifficulty.get(difficulty) ?? 0 },
    ]),
  );
  const overall: Tally = { ...emptyTally(), total: [...totals.byDifficulty.values()].reduce((a, b) => a + b, 0) };
  const byTopic = new Map(
    [...totals.byTopic].map(([topicId, total]) => [topicId, { ...emptyTally(), total, masterySum: 0 }]),
  );

  for (const question of standings) {
    const solved = SOLVED_STATUSES.has(question.status);
    const attempted = question.status === "ATTEMPTED";
    const card = cardOfJson(question.card);
    let mastery = 0;
    if (solved) mastery = question.kind === "CONCEPT" && card?.lastReview ? recallProbability(card, now) : 1;
    const tallies: Tally[] = [overall, byDifficulty.get(question.difficulty) ?? emptyTally()];
    for (const topicId of question.topicIds ?? []) {
      const topicTally = byTopic.get(topicId);
      if (!topicTally) continue;
      topicTally.masterySum += mastery;
      tallies.push(topicTally);
    }
    for (const tally of tallies) {
      if (solved) tally.solved++;
      if (attempted) tally.attempted++;
    }
  }

  const countsByDate = new Map(activity.map((row) => [row.date, row.count]));
  const streaks = computeStreaks(countsByDate.keys(), today);
  return {
    ...overall,
    byDifficulty: DIFFICULTIES.map((difficulty) => ({ difficulty, ...(byDifficulty.get(difficulty) ?? emptyTally()) })),
    byTopic: topics.flatMap((topic) => {
      const tally = byTopic.get(topic.id);
      if (!tally) return [];
      const { masterySum, ...counts } = tally;
      return [{ topic, ...counts, mastery: masterySum / counts.total }];
    }),
    currentStreak: streaks.current,
    longestStreak: streaks.longest,
    calendar: buildCalendar(countsByDate, today),
    timeZone,
    today,
  };
}

/** Progress rows of one learner for the given questions, in key order; null where the learner has none. */
/** The learner's progress rows on these questions (the questions list asks for a page of them at once). */
export function progressForQuestionsSql(userId: string, questionIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT * FROM "Progress" WHERE "userId" = ${userId}::uuid AND "questionId" = ANY(${[...questionIds]}::uuid[])`;
}

export async function progressForQuestions(
  db: Db,
  userId: string,
  questionIds: readonly string[],
): Promise<(Progress | null)[]> {
  const rows = await queryRows<Progress>(db, progressForQuestionsSql(userId, questionIds));
  const byQuestion = new Map(rows.map((row) => [row.questionId, row]));
  return questionIds.map((id) => byQuestion.get(id) ?? null);
}

/**
 * A SQL condition on the question whose id is `questionId`: its progress for `userId` has `status`
 * (NOT_STARTED: no row, or a NOT_STARTED row).
 */
export function progressStatusSql(questionId: Prisma.Sql, userId: string, status: ProgressStatus): Prisma.Sql {
  const rowsOfUser = Prisma.sql`SELECT 1 FROM "Progress" p WHERE p."questionId" = ${questionId} AND p."userId" = ${userId}::uuid`;
  if (status === "NOT_STARTED") {
    return Prisma.sql`NOT EXISTS (${rowsOfUser} AND p.status <> 'NOT_STARTED'::"ProgressStatus")`;
  }
  return Prisma.sql`EXISTS (${rowsOfUser} AND p.status = ${status}::"ProgressStatus")`;
}

export async function setTimeZone(db: Db, userId: string, timeZone: string): Promise<User> {
  const canonical = canonicalTimeZone(timeZone.trim());
  if (!canonical) {
    throw new BadUserInputError([
      {
        field: "timeZone",
        message: {
          zh: "必须是 IANA 时区，例如 Asia/Shanghai 或 UTC",
          en: "must be an IANA time zone such as Asia/Shanghai or UTC",
        },
      },
    ]);
  }
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw new NotFoundError({ zh: "没有这位用户。", en: "No such user." });
  return db.user.update({ where: { id: userId }, data: { timeZone: canonical } });
}

/** What checking a concept answer returns: the coverage of the question's key points, for the question named. */
export type AnswerCheck = AnswerCoverage & { slug: string };

export const MAX_ANSWER_LENGTH = 20_000;

const answerSchema = z.object({
  slug: slugArgument,
  answer: z
    .string()
    .refine((text) => text.trim() !== "", "must not be empty")
    .refine((text) => text.length <= MAX_ANSWER_LENGTH, `must be at most ${MAX_ANSWER_LENGTH} characters`),
});

/** Which key points of a published concept question a free-text answer covers (see answer-check/README.md). */
export async function checkConceptAnswer(db: Db, rawSlug: string, rawAnswer: string): Promise<AnswerCheck> {
  const { slug, answer } = parseInput(answerSchema, { slug: rawSlug, answer: rawAnswer }, "");
  const question = await findPublishedQuestion(db, slug);
  if (!question) {
    throw new NotFoundError({
      zh: `没有 slug 为 "${slug}" 的已发布题目。`,
      en: `No published question with slug "${slug}".`,
    });
  }
  if (question.kind !== "CONCEPT") {
    throw new BadUserInputError([
      {
        field: "slug",
        message: { zh: "只有概念题有可以检查的要点", en: "only concept questions have key points to check" },
      },
    ]);
  }
  const points = keyPointsSchema.safeParse(question.keyPoints);
  if (!points.success) throw new Error(`question ${slug} has malformed keyPoints: ${points.error.message}`);
  return { slug, ...checkAnswerCoverage(points.data, answer) };
}

export type LeaderboardPeriod = "WEEK" | "MONTH" | "ALL";
export type LeaderboardEntry = { rank: number; handle: string; solved: number; lastSolvedAt: Date };

const PERIOD_DAYS: Record<LeaderboardPeriod, number | null> = { WEEK: 7, MONTH: 30, ALL: null };
const leaderboardSchema = z.object({
  period: z.enum(["WEEK", "MONTH", "ALL"]),
  first: z.number().int().min(1, "must be ≥ 1").max(100, "must be ≤ 100"),
});

/**
 * Learners by solves that count (SOLVED_RULE, solved-rule.ts) first made within the period (WEEK: the last 7 days,
 * MONTH: the last 30, ALL: ever). Ties go to whoever reached their count earlier (earlier last solve), then by
 * handle. Only handles are shown; admins never rank.
 *
 * Read from the maintained ranking, never by aggregating Progress: ALL is the head of LeaderboardStanding's
 * (solved DESC, lastSolvedAt) index; WEEK and MONTH aggregate the window's EarnedSolve rows by their solvedAt index.
 * ALL falls back to the window aggregate when some recorded solve lies outside [epoch, now] (a `now` in the past).
 */
export async function leaderboard(
  db: Db,
  options: { period: LeaderboardPeriod; first: number; now?: Date },
): Promise<LeaderboardEntry[]> {
  const { period, first } = parseInput(leaderboardSchema, { period: options.period, first: options.first }, "");
  const now = options.now ?? new Date();
  const days = PERIOD_DAYS[period];
  const since = days === null ? new Date(0) : new Date(now.getTime() - days * 86_400_000);
  const rows = await queryRows<{ handle: string; solved: number; lastSolvedAt: string }>(
    db,
    days === null && (await standingsCoverWindow(db, since, now))
      ? leaderboardFromStandingsSql(first)
      : leaderboardOfWindowSql(since, now, first),
  );
  return rows.map((row, index) => ({
    rank: index + 1,
    handle: row.handle,
    solved: row.solved,
    lastSolvedAt: new Date(row.lastSolvedAt),
  }));
}

const LAST_SOLVED_TEXT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** Whether every recorded solve lies in [since, until], so that the standings are the window's aggregate. */
async function standingsCoverWindow(db: Db, since: Date, until: Date): Promise<boolean> {
  // Two probes at the ends of EarnedSolve's solvedAt index.
  const [outside] = await queryRows<{ outside: boolean }>(
    db,
    Prisma.sql`SELECT EXISTS (SELECT 1 FROM "EarnedSolve" WHERE "solvedAt" > ${utcTimestamp(until)})
      OR EXISTS (SELECT 1 FROM "EarnedSolve" WHERE "solvedAt" < ${utcTimestamp(since)}) AS "outside"`,
  );
  return outside?.outside === false;
}

/** The all-time ranking: the first rows of LeaderboardStanding's index, admins skipped. */
export function leaderboardFromStandingsSql(first: number): Prisma.Sql {
  return Prisma.sql`
    SELECT u."handle", s."solved", to_char(s."lastSolvedAt", ${Prisma.raw(LAST_SOLVED_TEXT)}) AS "lastSolvedAt"
    FROM "LeaderboardStanding" s JOIN "User" u ON u."id" = s."userId" AND u."role" <> 'ADMIN'
    ORDER BY s."solved" DESC, s."lastSolvedAt" ASC, u."handle" ASC
    LIMIT ${first}`;
}

/**
 * The ranking over the solves recorded in [since, until], admins left out. The window's solves are aggregated by
 * EarnedSolve's solvedAt index; only the head of that aggregate meets "User": the first `first` + (number of admins)
 * learners by (solved, lastSolvedAt), with ties, hold every row of the answer whatever its handle (joining every
 * learner of the week to "User" took a hash join over all learners: p99 84 ms at 100k learners).
 */
export function leaderboardOfWindowSql(since: Date, until: Date, first: number): Prisma.Sql {
  return Prisma.sql`
    SELECT u."handle", w."solved", to_char(w."lastSolvedAt", ${Prisma.raw(LAST_SOLVED_TEXT)}) AS "lastSolvedAt"
    FROM (
      SELECT e."userId", count(*)::int AS "solved", max(e."solvedAt") AS "lastSolvedAt"
      FROM "EarnedSolve" e
      WHERE e."solvedAt" >= ${utcTimestamp(since)} AND e."solvedAt" <= ${utcTimestamp(until)}
      GROUP BY e."userId"
      ORDER BY "solved" DESC, "lastSolvedAt" ASC
      FETCH FIRST (${first}::int + (SELECT count(*) FROM "User" a WHERE a."role" = 'ADMIN')) ROWS WITH TIES) w
    JOIN "User" u ON u."id" = w."userId" AND u."role" <> 'ADMIN'
    ORDER BY w."solved" DESC, w."lastSolvedAt" ASC, u."handle" ASC
    LIMIT ${first}`;
}
