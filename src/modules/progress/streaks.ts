import { dateOfDayNumber, dayNumber } from "../../lib/timezone.ts";

export type CalendarDay = { date: string; count: number };
export type Streaks = { current: number; longest: number };

export const CALENDAR_DAYS = 365;

/**
 * Streaks over local dates with activity.
 * Current streak: the run of consecutive active days that ends today, or yesterday when today has no activity
 * yet (the learner still has today to keep it); 0 otherwise. Longest streak: the longest such run ever.
 */
export function computeStreaks(activeDates: Iterable<string>, today: string): Streaks {
  const days = [...new Set([...activeDates].map(dayNumber))].sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && days[i] === days[i - 1] + 1 ? run + 1 : 1;
    if (run > longest) longest = run;
  }
  const todayNum = dayNumber(today);
  const active = new Set(days);
  let end = active.has(todayNum) ? todayNum : todayNum - 1;
  let current = 0;
  while (active.has(end)) {
    current++;
    end--;
  }
  return { current, longest };
}

/** The last CALENDAR_DAYS local dates ending today, oldest first, with zero for days without activity. */
export function buildCalendar(countsByDate: ReadonlyMap<string, number>, today: string): CalendarDay[] {
  const todayNum = dayNumber(today);
  const calendar: CalendarDay[] = [];
  for (let n = todayNum - CALENDAR_DAYS + 1; n <= todayNum; n++) {
    const date = dateOfDayNumber(n);
    calendar.push({ date, count: countsByDate.get(date) ?? 0 });
  }
  return calendar;
}
