import { type Card, createEmptyCard, fsrs, type Grade, Rating, State } from "ts-fsrs";
import { z } from "zod";
import { type Db, utcTimestamp } from "../../db.ts";
import type { $Enums, Question, ReviewCard } from "../../generated/prisma/client.ts";
import { BadUserInputError, NotFoundError, parseInput } from "../../lib/domain-errors.ts";
import { slugArgument } from "../../lib/text-input.ts";
import { canonicalTimeZone, localDate } from "../../lib/timezone.ts";
import { findPublishedQuestion } from "../content/published.ts";
import { applyProgressOutcome, type Outcome, recordActivity } from "./activity.ts";

/** Spaced repetition of concept questions with FSRS (ts-fsrs defaults: 90% retention, no fuzz, so deterministic). */

export type ReviewRating = $Enums.ReviewRating;
export type CardState = $Enums.CardState;

export type ReviewItem = {
  question: Question;
  /** True for a concept question never reviewed, offered as a new card (no row exists yet). */
  isNew: boolean;
  due: Date;
  state: CardState;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  scheduledDays: number;
  lastReview: Date | null;
};

export const scheduler = fsrs();

const GRADES: Record<ReviewRating, Grade> = {
  AGAIN: Rating.Again,
  HARD: Rating.Hard,
  GOOD: Rating.Good,
  EASY: Rating.Easy,
};
const STATE_TO_DB: Record<State, CardState> = {
  [State.New]: "NEW",
  [State.Learning]: "LEARNING",
  [State.Review]: "REVIEW",
  [State.Relearning]: "RELEARNING",
};
const STATE_FROM_DB: Record<CardState, State> = {
  NEW: State.New,
  LEARNING: State.Learning,
  REVIEW: State.Review,
  RELEARNING: State.Relearning,
};
const OUTCOMES: Record<ReviewRating, Outcome> = {
  AGAIN: "LAPSED",
  HARD: "ATTEMPTED",
  GOOD: "SOLVED",
  EASY: "SOLVED",
};

/** The scheduling fields of a ReviewCard row. */
export type CardFields = Pick<
  ReviewCard,
  | "due"
  | "stability"
  | "difficulty"
  | "elapsedDays"
  | "scheduledDays"
  | "learningSteps"
  | "reps"
  | "lapses"
  | "state"
  | "lastReview"
>;

export function cardFromRow(row: CardFields): Card {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsedDays,
    scheduled_days: row.scheduledDays,
    learning_steps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: STATE_FROM_DB[row.state],
    last_review: row.lastReview ?? undefined,
  };
}

/** The FSRS probability (0–1) of recalling a card's question at `now`; 0 for a card never reviewed. */
export function recallProbability(row: CardFields, now: Date): number {
  return row.lastReview ? scheduler.get_retrievability(cardFromRow(row), now, false) : 0;
}

function itemOf(row: ReviewCard & { question: Question }): ReviewItem {
  return {
    question: row.question,
    isNew: false,
    due: row.due,
    state: row.state,
    stability: row.stability,
    difficulty: row.difficulty,
    reps: row.reps,
    lapses: row.lapses,
    scheduledDays: row.scheduledDays,
    lastReview: row.lastReview,
  };
}

function newItem(question: Question, now: Date): ReviewItem {
  return {
    question,
    isNew: true,
    due: now,
    state: "NEW",
    stability: 0,
    difficulty: 0,
    reps: 0,
    lapses: 0,
    scheduledDays: 0,
    lastReview: null,
  };
}

/** The `input` argument of the reviewQuestion mutation. */
const reviewInputSchema = z.object({
  slug: slugArgument,
  rating: z.enum(["AGAIN", "HARD", "GOOD", "EASY"]),
});

/**
 * Rates one concept question: creates the card on the first review, applies the FSRS step, appends a ReviewLog,
 * moves Progress (GOOD/EASY → SOLVED; HARD → ATTEMPTED if not started; AGAIN → ATTEMPTED if not started, a
 * SOLVED question → REVIEWING) and counts the day's activity — all in one transaction, the card row locked.
 */
export async function reviewQuestion(
  db: Db,
  userId: string,
  rawInput: { slug: string; rating: ReviewRating },
  now: Date = new Date(),
): Promise<ReviewItem> {
  const input = parseInput(reviewInputSchema, rawInput, "input");
  const grade = GRADES[input.rating];
  const question = await findPublishedQuestion(db, input.slug);
  if (!question) {
    throw new NotFoundError({
      zh: `没有 slug 为 "${input.slug}" 的已发布题目。`,
      en: `No published question with slug "${input.slug}".`,
    });
  }
  if (question.kind !== "CONCEPT") {
    throw new BadUserInputError([
      {
        field: "input.slug",
        message: {
          zh: "只有概念题参与复习；编程题通过提交代码来完成",
          en: "only concept questions are reviewed; coding questions are solved by submitting code",
        },
      },
    ]);
  }
  return db.$transaction(async (tx) => {
    const empty = createEmptyCard(now);
    await tx.$executeRaw`
      INSERT INTO "ReviewCard" ("id", "userId", "questionId", "due", "state", "createdAt", "updatedAt")
      VALUES (gen_random_uuid(), ${userId}::uuid, ${question.id}::uuid, ${utcTimestamp(empty.due)},
              'NEW', ${utcTimestamp(now)}, ${utcTimestamp(now)})
      ON CONFLICT ("userId", "questionId") DO NOTHING`;
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id"::text AS "id" FROM "ReviewCard" WHERE "userId" = ${userId}::uuid AND "questionId" = ${question.id}::uuid
      FOR UPDATE`;
    const cardId = locked[0]?.id;
    if (!cardId) throw new Error("review card vanished inside its transaction");
    const row = await tx.reviewCard.findUniqueOrThrow({ where: { id: cardId } });
    const { card, log } = scheduler.next(cardFromRow(row), now, grade);
    const updated = await tx.reviewCard.update({
      where: { id: cardId },
      data: {
        due: card.due,
        stability: card.stability,
        difficulty: card.difficulty,
        elapsedDays: card.elapsed_days,
        scheduledDays: card.scheduled_days,
        learningSteps: card.learning_steps,
        reps: card.reps,
        lapses: card.lapses,
        state: STATE_TO_DB[card.state],
        lastReview: card.last_review ?? now,
      },
      include: { question: true },
    });
    await tx.reviewLog.create({
      data: {
        cardId,
        userId,
        rating: input.rating,
        state: STATE_TO_DB[log.state],
        due: log.due,
        stability: log.stability,
        difficulty: log.difficulty,
        elapsedDays: log.elapsed_days,
        scheduledDays: log.scheduled_days,
        reviewedAt: now,
      },
    });
    await applyProgressOutcome(tx, { userId, questionId: question.id, outcome: OUTCOMES[input.rating], at: now });
    await recordActivity(tx, userId, now);
    return itemOf(updated);
  });
}

/** Cards first reviewed on the learner's local date of `now` (a local day never spans more than 26 hours). */
async function newCardsIntroducedToday(db: Db, userId: string, timeZone: string, now: Date): Promise<number> {
  const today = localDate(now, timeZone);
  const recent = await db.reviewCard.findMany({
    where: { userId, createdAt: { gte: new Date(now.getTime() - 27 * 3_600_000), lte: now } },
    select: { createdAt: true },
  });
  return recent.filter((card) => localDate(card.createdAt, timeZone) === today).length;
}

const queueLimitSchema = z.number().int().min(1, "must be ≥ 1").max(100, "must be ≤ 100");

/**
 * What to review now: due cards, oldest due first; then, while room remains, new cards (published concept
 * questions never reviewed, oldest question first) up to `newCardsPerDay` minus the new cards already
 * introduced on the learner's local day.
 */
export async function reviewQueue(
  db: Db,
  userId: string,
  options: { limit: number; newCardsPerDay: number; now?: Date },
): Promise<ReviewItem[]> {
  const limit = parseInput(queueLimitSchema, options.limit, "limit");
  const { newCardsPerDay } = options;
  const now = options.now ?? new Date();
  const user = await db.user.findUnique({ where: { id: userId }, select: { timeZone: true } });
  if (!user) throw new NotFoundError({ zh: "没有这位用户。", en: "No such user." });
  const due = await db.reviewCard.findMany({
    where: { userId, due: { lte: now }, question: { status: "PUBLISHED", kind: "CONCEPT" } },
    orderBy: [{ due: "asc" }, { id: "asc" }],
    take: limit,
    include: { question: true },
  });
  const items = due.map(itemOf);
  const room = limit - items.length;
  if (room === 0) return items;
  const introduced = await newCardsIntroducedToday(db, userId, canonicalTimeZone(user.timeZone) ?? "UTC", now);
  const take = Math.min(room, Math.max(0, newCardsPerDay - introduced));
  if (take === 0) return items;
  const fresh = await db.question.findMany({
    where: { status: "PUBLISHED", kind: "CONCEPT", reviewCards: { none: { userId } } },
    orderBy: [{ createdAt: "asc" }, { slug: "asc" }],
    take,
  });
  return [...items, ...fresh.map((question) => newItem(question, now))];
}
