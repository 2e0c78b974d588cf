import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "../../src/db.ts";
import { BadUserInputError, NotFoundError } from "../../src/lib/domain-errors.ts";
import { type ReviewRating, reviewQuestion, reviewQueue } from "../../src/modules/progress/service.ts";
import { testDatabaseUrl } from "../helpers/env.ts";
import { createLearner, createQuestion } from "../helpers/fixtures.ts";
import { createScratchDatabase, type ScratchDatabase } from "../helpers/scratch-database.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;

describe("reviewQuestion (FSRS)", () => {
  let db: Db;
  beforeAll(() => {
    db = createDb({ url: testDatabaseUrl() });
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("grows the interval with repeated GOOD ratings and shrinks it after AGAIN", async () => {
    const learner = await createLearner(db, "fsrs");
    const question = await createQuestion(db, "attention");
    let now = new Date("2026-01-05T09:00:00Z");
    const intervals: number[] = [];
    const rate = async (rating: ReviewRating) => {
      const card = await reviewQuestion(db, learner.id, { slug: question.slug, rating }, now);
      const interval = card.due.getTime() - now.getTime();
      now = card.due; // review exactly when due
      return { card, interval };
    };
    for (let i = 0; i < 6; i++) intervals.push((await rate("GOOD")).interval);
    // Learning steps first (minutes), then days, each strictly longer than the one before.
    expect(intervals[0]).toBeLessThan(DAY);
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]).toBeGreaterThan(intervals[i - 1]);
    expect(intervals.at(-1)).toBeGreaterThan(30 * DAY);
    const beforeLapse = intervals.at(-1) ?? 0;

    const lapse = await rate("AGAIN");
    expect(lapse.card.state).toBe("RELEARNING");
    expect(lapse.card.lapses).toBe(1);
    expect(lapse.interval).toBeLessThan(DAY);
    const recovered = await rate("GOOD");
    expect(recovered.interval).toBeLessThan(beforeLapse);
    expect(recovered.card.reps).toBe(8);

    const logs = await db.reviewLog.findMany({ where: { userId: learner.id }, orderBy: { reviewedAt: "asc" } });
    expect(logs.map((log) => log.rating)).toEqual(["GOOD", "GOOD", "GOOD", "GOOD", "GOOD", "GOOD", "AGAIN", "GOOD"]);
    expect(logs[0].state).toBe("NEW"); // the log keeps the state the card was in when rated
  });

  it("moves progress: HARD → ATTEMPTED, GOOD → SOLVED, AGAIN on a solved question → REVIEWING, EASY → SOLVED", async () => {
    const learner = await createLearner(db, "statuses", "Asia/Shanghai");
    const question = await createQuestion(db, "dropout");
    const statusAfter = async (rating: ReviewRating, iso: string) => {
      await reviewQuestion(db, learner.id, { slug: question.slug, rating }, new Date(iso));
      const row = await db.progress.findUniqueOrThrow({
        where: { userId_questionId: { userId: learner.id, questionId: question.id } },
      });
      return row;
    };
    expect((await statusAfter("HARD", "2026-02-01T01:00:00Z")).status).toBe("ATTEMPTED");
    const solved = await statusAfter("GOOD", "2026-02-01T02:00:00Z");
    expect(solved.status).toBe("SOLVED");
    expect(solved.firstSolvedAt?.toISOString()).toBe("2026-02-01T02:00:00.000Z");
    expect((await statusAfter("AGAIN", "2026-02-03T15:30:00Z")).status).toBe("REVIEWING");
    const again = await statusAfter("EASY", "2026-02-04T02:00:00Z");
    expect(again).toMatchObject({ status: "SOLVED", attempts: 4 });
    expect(again.firstSolvedAt?.toISOString()).toBe("2026-02-01T02:00:00.000Z");
    const days = await db.activityDay.findMany({ where: { userId: learner.id }, orderBy: { day: "asc" } });
    // 15:30 UTC is 23:30 in Shanghai: still the 3rd there.
    expect(days.map((day) => [day.day.toISOString().slice(0, 10), day.count])).toEqual([
      ["2026-02-01", 2],
      ["2026-02-03", 1],
      ["2026-02-04", 1],
    ]);
  });

  it("serialises concurrent reviews of one card: both ratings apply, one card, two logs", async () => {
    const learner = await createLearner(db, "concurrent");
    const question = await createQuestion(db, "concurrent");
    const now = new Date("2026-03-01T10:00:00Z");
    await Promise.all([
      reviewQuestion(db, learner.id, { slug: question.slug, rating: "GOOD" }, now),
      reviewQuestion(db, learner.id, { slug: question.slug, rating: "GOOD" }, now),
    ]);
    const cards = await db.reviewCard.findMany({ where: { userId: learner.id } });
    expect(cards).toHaveLength(1);
    expect(cards[0].reps).toBe(2);
    expect(await db.reviewLog.count({ where: { userId: learner.id } })).toBe(2);
    const progress = await db.progress.findFirstOrThrow({ where: { userId: learner.id } });
    expect(progress).toMatchObject({ status: "SOLVED", attempts: 2 });
  });

  it("AGAIN on a question never solved leaves it ATTEMPTED", async () => {
    const learner = await createLearner(db, "again");
    const question = await createQuestion(db, "again");
    await reviewQuestion(db, learner.id, { slug: question.slug, rating: "AGAIN" }, new Date("2026-02-01T00:00:00Z"));
    const row = await db.progress.findFirstOrThrow({ where: { userId: learner.id, questionId: question.id } });
    expect(row.status).toBe("ATTEMPTED");
    expect(row.firstSolvedAt).toBeNull();
  });

  it("refuses coding, unpublished and unknown questions", async () => {
    const learner = await createLearner(db, "refused");
    const coding = await createQuestion(db, "coding", { kind: "CODING" });
    const draft = await createQuestion(db, "draft", { status: "DRAFT" });
    await expect(reviewQuestion(db, learner.id, { slug: coding.slug, rating: "GOOD" })).rejects.toBeInstanceOf(
      BadUserInputError,
    );
    await expect(reviewQuestion(db, learner.id, { slug: draft.slug, rating: "GOOD" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(reviewQuestion(db, learner.id, { slug: "no-such-question", rating: "GOOD" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await db.reviewCard.count({ where: { userId: learner.id } })).toBe(0);
  });
});

describe("reviewQueue", () => {
  // New cards are the oldest published concept questions: in the shared database another file's old questions
  // (the explorer test's, dated 2000) came first, so the queue is checked in a database of its own.
  let database: ScratchDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createScratchDatabase("review_queue");
    db = createDb({ url: database.url });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("lists due cards oldest first, then new cards up to the daily limit of the learner's local day", async () => {
    const learner = await createLearner(db, "queue", "Asia/Shanghai");
    const base = Date.UTC(2001, 0, 1);
    const concepts = [];
    for (let i = 0; i < 5; i++) {
      concepts.push(await createQuestion(db, `queue${i}`, { createdAt: new Date(base + i * MINUTE) }));
    }
    await createQuestion(db, "queue-draft", { status: "DRAFT", createdAt: new Date(base - DAY) });
    await createQuestion(db, "queue-coding", { kind: "CODING", createdAt: new Date(base - DAY) });
    const [q0, q1, q2, q3, q4] = concepts;
    const slugs = (items: { question: { slug: string }; isNew: boolean }[]) =>
      items.map((item) => `${item.question.slug}${item.isNew ? "*" : ""}`);
    const queue = (limit: number, iso: string) =>
      reviewQueue(db, learner.id, { limit, newCardsPerDay: 3, now: new Date(iso) });

    expect(slugs(await queue(10, "2026-08-10T15:00:00Z"))).toEqual([`${q0.slug}*`, `${q1.slug}*`, `${q2.slug}*`]);

    // 23:30 on 10 August in Shanghai: two new cards introduced that local day.
    await reviewQuestion(db, learner.id, { slug: q0.slug, rating: "GOOD" }, new Date("2026-08-10T15:30:00Z"));
    await reviewQuestion(db, learner.id, { slug: q1.slug, rating: "AGAIN" }, new Date("2026-08-10T15:30:00Z"));

    // 23:50 the same local day: q1 (due in 1 min) before q0 (due in 10 min), then one new card left of three.
    expect(slugs(await queue(10, "2026-08-10T15:50:00Z"))).toEqual([q1.slug, q0.slug, `${q2.slug}*`]);
    expect(slugs(await queue(1, "2026-08-10T15:50:00Z"))).toEqual([q1.slug]);
    // 23:35: only q1 is due yet.
    expect(slugs(await queue(10, "2026-08-10T15:35:00Z"))).toEqual([q1.slug, `${q2.slug}*`]);
    // 00:30 on the 11th in Shanghai: a new local day, three new cards again.
    expect(slugs(await queue(10, "2026-08-10T16:30:00Z"))).toEqual([
      q1.slug,
      q0.slug,
      `${q2.slug}*`,
      `${q3.slug}*`,
      `${q4.slug}*`,
    ]);
  });

  it("offers no new cards when the daily limit is zero, and validates the limit", async () => {
    const learner = await createLearner(db, "nolimit");
    const now = new Date("2026-09-01T12:00:00Z");
    expect(await reviewQueue(db, learner.id, { limit: 5, newCardsPerDay: 0, now })).toEqual([]);
    await expect(reviewQueue(db, learner.id, { limit: 0, newCardsPerDay: 3, now })).rejects.toThrow("limit");
    await expect(reviewQueue(db, learner.id, { limit: 101, newCardsPerDay: 3, now })).rejects.toThrow("limit");
  });
});
