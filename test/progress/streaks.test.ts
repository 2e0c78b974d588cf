import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "../../src/db.ts";
import { canonicalTimeZone, localDate } from "../../src/lib/timezone.ts";
import { myProgress, recordActivity } from "../../src/modules/progress/service.ts";
import { buildCalendar, CALENDAR_DAYS, computeStreaks } from "../../src/modules/progress/streaks.ts";
import { testDatabaseUrl } from "../helpers/env.ts";
import { createLearner } from "../helpers/fixtures.ts";

describe("local dates and streak rules (pure)", () => {
  it("puts 23:30 in Asia/Shanghai on that Shanghai date and 00:30 on the next", () => {
    const at = new Date("2026-03-10T15:30:00Z"); // 23:30 in Shanghai (UTC+8)
    expect(localDate(at, "Asia/Shanghai")).toBe("2026-03-10");
    expect(localDate(new Date("2026-03-10T16:30:00Z"), "Asia/Shanghai")).toBe("2026-03-11");
    expect(localDate(at, "UTC")).toBe("2026-03-10");
    expect(localDate(new Date("2026-03-10T03:00:00Z"), "America/New_York")).toBe("2026-03-09");
  });

  it("validates and canonicalises IANA zones", () => {
    expect(canonicalTimeZone("asia/shanghai")).toBe("Asia/Shanghai");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(canonicalTimeZone("")).toBeNull();
  });

  it("keeps a streak alive through today or yesterday and breaks it on a missing day", () => {
    const days = ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-05", "2026-01-06"];
    expect(computeStreaks(days, "2026-01-06")).toEqual({ current: 2, longest: 3 });
    expect(computeStreaks(days, "2026-01-07")).toEqual({ current: 2, longest: 3 });
    expect(computeStreaks(days, "2026-01-08")).toEqual({ current: 0, longest: 3 });
    expect(computeStreaks([], "2026-01-08")).toEqual({ current: 0, longest: 0 });
    // Month and year boundaries are plain calendar arithmetic.
    expect(computeStreaks(["2025-12-31", "2026-01-01", "2026-02-28", "2026-03-01"], "2026-03-01")).toEqual({
      current: 2,
      longest: 2,
    });
  });

  it("builds a 365-day calendar ending today with zeros for quiet days", () => {
    const calendar = buildCalendar(new Map([["2026-06-01", 4]]), "2026-06-01");
    expect(calendar).toHaveLength(CALENDAR_DAYS);
    expect(calendar[CALENDAR_DAYS - 1]).toEqual({ date: "2026-06-01", count: 4 });
    expect(calendar[0]).toEqual({ date: "2025-06-02", count: 0 });
    expect(calendar.reduce((sum, day) => sum + day.count, 0)).toBe(4);
  });
});

describe("activity on the learner's local date (PostgreSQL)", () => {
  let db: Db;
  beforeAll(() => {
    db = createDb({ url: testDatabaseUrl() });
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("counts 23:30 in Shanghai on the Shanghai date", async () => {
    const learner = await createLearner(db, "shanghai", "Asia/Shanghai");
    const day = await db.$transaction((tx) => recordActivity(tx, learner.id, new Date("2026-03-10T15:30:00Z")));
    expect(day).toBe("2026-03-10");
    await db.$transaction((tx) => recordActivity(tx, learner.id, new Date("2026-03-10T15:59:00Z")));
    const rows = await db.activityDay.findMany({ where: { userId: learner.id } });
    expect(rows.map((row) => [row.day.toISOString().slice(0, 10), row.count])).toEqual([["2026-03-10", 2]]);
    const summary = await myProgress(db, learner.id, new Date("2026-03-10T20:00:00Z")); // 04:00 on the 11th there
    expect(summary.today).toBe("2026-03-11");
    expect(summary.currentStreak).toBe(1);
    expect(summary.calendar.at(-2)).toEqual({ date: "2026-03-10", count: 2 });
  });

  it("breaks the streak after a day without activity", async () => {
    const learner = await createLearner(db, "gap", "Asia/Shanghai");
    for (const iso of ["2026-04-01T02:00:00Z", "2026-04-02T02:00:00Z", "2026-04-04T02:00:00Z"]) {
      await db.$transaction((tx) => recordActivity(tx, learner.id, new Date(iso)));
    }
    const summary = await myProgress(db, learner.id, new Date("2026-04-04T10:00:00Z"));
    expect(summary.currentStreak).toBe(1);
    expect(summary.longestStreak).toBe(2);
    const twoDaysLater = await myProgress(db, learner.id, new Date("2026-04-06T10:00:00Z"));
    expect(twoDaysLater.currentStreak).toBe(0);
  });

  it("does not break a New York streak across the spring-forward and fall-back DST changes", async () => {
    const learner = await createLearner(db, "newyork", "America/New_York");
    // 23:30 local each evening around 2026-03-08 (UTC−5 → UTC−4) and 2026-11-01 (UTC−4 → UTC−5).
    const spring = ["2026-03-07T04:30:00Z", "2026-03-08T04:30:00Z", "2026-03-09T03:30:00Z", "2026-03-10T03:30:00Z"];
    const fall = ["2026-11-01T03:30:00Z", "2026-11-02T04:30:00Z", "2026-11-03T04:30:00Z"];
    for (const iso of [...spring, ...fall]) {
      await db.$transaction((tx) => recordActivity(tx, learner.id, new Date(iso)));
    }
    const rows = await db.activityDay.findMany({ where: { userId: learner.id }, orderBy: { day: "asc" } });
    expect(rows.map((row) => row.day.toISOString().slice(0, 10))).toEqual([
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
      "2026-10-31",
      "2026-11-01",
      "2026-11-02",
    ]);
    const afterSpring = await myProgress(db, learner.id, new Date("2026-03-10T12:00:00Z"));
    expect(afterSpring.currentStreak).toBe(4);
    const afterFall = await myProgress(db, learner.id, new Date("2026-11-03T15:00:00Z"));
    expect(afterFall.currentStreak).toBe(3);
    expect(afterFall.longestStreak).toBe(4);
  });
});
