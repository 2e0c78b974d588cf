import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "../../src/db.ts";
import type { Question, Topic } from "../../src/generated/prisma/client.ts";
import { Rng } from "../../src/kernels/rng.ts";
import { recallProbability } from "../../src/modules/progress/review.ts";
import {
  myProgress,
  type ProgressStatus,
  type ReviewRating,
  recordSubmissionResult,
  reviewQuestion,
} from "../../src/modules/progress/service.ts";
import { testDatabaseUrl } from "../helpers/env.ts";
import { createLearner, createQuestion, createTopic } from "../helpers/fixtures.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin", "Pacific/Auckland"];
const RATINGS: ReviewRating[] = ["AGAIN", "HARD", "GOOD", "EASY"];

/** The local date by a different road than the service: Swedish locale formatting is ISO-like. */
function bruteLocalDate(at: Date, timeZone: string): string {
  return at.toLocaleDateString("sv-SE", { timeZone });
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function bruteStreaks(active: Set<string>, today: string): { current: number; longest: number } {
  let current = 0;
  let day = active.has(today) ? today : addDays(today, -1);
  while (active.has(day)) {
    current++;
    day = addDays(day, -1);
  }
  let longest = 0;
  for (const start of active) {
    if (active.has(addDays(start, -1))) continue;
    let length = 0;
    while (active.has(addDays(start, length))) length++;
    longest = Math.max(longest, length);
  }
  return { current, longest };
}

type Fixture = { questions: Question[]; topics: Topic[]; topicsOf: Map<string, Topic[]> };

async function seedContent(db: Db, rng: Rng, name: string): Promise<Fixture> {
  const topics = [await createTopic(db, `${name}-coding-only`)];
  for (let i = 1; i < 4; i++) topics.push(await createTopic(db, `${name}-t${i}`));
  const questions: Question[] = [];
  const topicsOf = new Map<string, Topic[]>();
  for (let i = 0; i < 24; i++) {
    const kind = i < 6 ? "CODING" : rng.pick(["CODING", "CONCEPT"] as const);
    const chosen = i < 6 ? [topics[0]] : [...new Set([rng.pick(topics.slice(1)), rng.pick(topics.slice(1))])];
    const question = await createQuestion(db, `${name}-q${i}`, {
      kind,
      difficulty: rng.pick(["EASY", "MEDIUM", "HARD"] as const),
      status: i % 11 === 10 ? "DRAFT" : "PUBLISHED",
      topics: chosen,
    });
    questions.push(question);
    topicsOf.set(question.id, chosen);
  }
  return { questions, topics, topicsOf };
}

describe("myProgress against a brute-force count over seeded random activity", () => {
  let db: Db;
  beforeAll(() => {
    db = createDb({ url: testDatabaseUrl() });
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  for (const seed of [11, 2026, 90210]) {
    it(`matches for seed ${seed}`, async () => {
      const rng = new Rng(seed);
      const timeZone = ZONES[seed % ZONES.length];
      const learner = await createLearner(db, `brute${seed}`, timeZone);
      const { questions, topics, topicsOf } = await seedContent(db, rng, `b${seed}`);
      const start = Date.UTC(2025, 0, 1) + rng.int(0, 100) * DAY;
      const instants = Array.from({ length: 160 }, () => start + rng.int(0, 420 * DAY)).sort((a, b) => a - b);

      const status = new Map<string, ProgressStatus>();
      const activeDays = new Map<string, number>();
      for (const instant of instants) {
        const at = new Date(instant);
        const question = rng.pick(questions);
        if (question.kind === "CODING") {
          const accepted = rng.unit() < 0.3;
          await db.$transaction((tx) =>
            recordSubmissionResult(tx, { userId: learner.id, questionId: question.id, accepted, runtimeMs: 10, at }),
          );
          if (accepted) status.set(question.id, "SOLVED");
          else if (!status.has(question.id)) status.set(question.id, "ATTEMPTED");
        } else {
          if (question.status !== "PUBLISHED") continue;
          const rating = rng.pick(RATINGS);
          await reviewQuestion(db, learner.id, { slug: question.slug, rating }, at);
          const before = status.get(question.id);
          if (rating === "GOOD" || rating === "EASY") status.set(question.id, "SOLVED");
          else if (rating === "AGAIN" && before === "SOLVED") status.set(question.id, "REVIEWING");
          else if (before === undefined) status.set(question.id, "ATTEMPTED");
        }
        const day = bruteLocalDate(at, timeZone);
        activeDays.set(day, (activeDays.get(day) ?? 0) + 1);
      }

      const now = new Date(instants[instants.length - 1] + rng.int(0, 40) * HOUR);
      const summary = await myProgress(db, learner.id, now);
      const today = bruteLocalDate(now, timeZone);
      expect(summary.today).toBe(today);
      expect(summary.timeZone).toBe(timeZone);

      const published = questions.filter((q) => q.status === "PUBLISHED");
      const isSolved = (q: Question) => ["SOLVED", "REVIEWING"].includes(status.get(q.id) ?? "");
      const isAttempted = (q: Question) => status.get(q.id) === "ATTEMPTED";
      expect(summary.solved).toBe(published.filter(isSolved).length);
      expect(summary.attempted).toBe(published.filter(isAttempted).length);
      // Totals include every published question in the shared database, so only a lower bound is ours to check.
      expect(summary.total).toBeGreaterThanOrEqual(published.length);
      for (const tally of summary.byDifficulty) {
        const mine = published.filter((q) => q.difficulty === tally.difficulty);
        expect([tally.difficulty, tally.solved, tally.attempted]).toEqual([
          tally.difficulty,
          mine.filter(isSolved).length,
          mine.filter(isAttempted).length,
        ]);
      }
      for (const topic of topics) {
        const inTopic = published.filter((q) => topicsOf.get(q.id)?.some((t) => t.id === topic.id));
        const tally = summary.byTopic.find((t) => t.topic.id === topic.id);
        if (inTopic.length === 0) {
          expect(tally).toBeUndefined();
          continue;
        }
        const solved = inTopic.filter(isSolved).length;
        expect(tally).toMatchObject({ total: inTopic.length, solved, attempted: inTopic.filter(isAttempted).length });
        if (topic === topics[0]) expect(tally?.mastery).toBeCloseTo(solved / inTopic.length, 12);
        expect(tally?.mastery).toBeGreaterThanOrEqual(0);
        expect(tally?.mastery).toBeLessThanOrEqual(solved / inTopic.length + 1e-12);
        expect((tally?.mastery ?? 0) > 0).toBe(solved > 0);
      }

      const expected = bruteStreaks(new Set(activeDays.keys()), today);
      expect({ current: summary.currentStreak, longest: summary.longestStreak }).toEqual(expected);
      // The seeds give non-trivial data: solves, open attempts, multi-day streaks.
      expect(summary.solved).toBeGreaterThan(2);
      expect(summary.attempted).toBeGreaterThan(0);
      expect(expected.longest).toBeGreaterThan(1);
      expect(summary.calendar).toHaveLength(365);
      expect(summary.calendar[364].date).toBe(today);
      expect(summary.calendar[0].date).toBe(addDays(today, -364));
      for (const day of summary.calendar) expect(day.count).toBe(activeDays.get(day.date) ?? 0);
    });
  }

  it("measures a solved concept question's mastery as its FSRS recall probability, fading over time", async () => {
    const learner = await createLearner(db, "mastery");
    const topic = await createTopic(db, "mastery");
    const concept = await createQuestion(db, "mastery-concept", { topics: [topic] });
    await createQuestion(db, "mastery-unsolved", { topics: [topic] });
    const reviewedAt = new Date("2026-03-01T08:00:00Z");
    await reviewQuestion(db, learner.id, { slug: concept.slug, rating: "GOOD" }, reviewedAt);
    await reviewQuestion(db, learner.id, { slug: concept.slug, rating: "GOOD" }, new Date(reviewedAt.getTime() + HOUR));
    const card = await db.reviewCard.findFirstOrThrow({ where: { userId: learner.id } });
    const masteryAt = async (days: number) => {
      const now = new Date(reviewedAt.getTime() + days * DAY);
      const summary = await myProgress(db, learner.id, now);
      const tally = summary.byTopic.find((t) => t.topic.id === topic.id);
      expect(tally).toMatchObject({ total: 2, solved: 1 });
      // Half the topic is the unsolved question (0); the other half is the card's recall probability.
      expect(tally?.mastery).toBeCloseTo(recallProbability(card, now) / 2, 12);
      return tally?.mastery ?? Number.NaN;
    };
    const soon = await masteryAt(2);
    const later = await masteryAt(60);
    expect(soon).toBeLessThanOrEqual(0.5);
    expect(later).toBeLessThan(soon);
    expect(later).toBeGreaterThan(0);
  });
});
