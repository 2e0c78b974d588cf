/** Local calendar dates in a learner's IANA time zone. A local date is a "YYYY-MM-DD" string. */

const formatters = new Map<string, Intl.DateTimeFormat>();
const MS_PER_DAY = 86_400_000;

// Building an Intl.DateTimeFormat is costly and the grader asks once per verdict: answers are kept
// (bounded: user input can name arbitrary strings).
const canonicalZones = new Map<string, string | null>();
const CANONICAL_CACHE_LIMIT = 1000;

/** The canonical spelling of an IANA zone ("asia/shanghai" → "Asia/Shanghai"), or null when Intl does not know it. */
export function canonicalTimeZone(timeZone: string): string | null {
  const known = canonicalZones.get(timeZone);
  if (known !== undefined) return known;
  let canonical: string | null = null;
  if (timeZone.trim() !== "") {
    try {
      canonical = new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
    } catch {
      canonical = null;
    }
  }
  if (canonicalZones.size >= CANONICAL_CACHE_LIMIT) canonicalZones.clear();
  canonicalZones.set(timeZone, canonical);
  return canonical;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD; parts are read explicitly anyway.
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date of an instant as seen on a wall clock in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  let year = "";
  let month = "";
  let day = "";
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type === "year") year = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year}-${month}-${day}`;
}

/** Days since 1970-01-01 of a local date: calendar arithmetic with no time-zone or DST involved. */
export function dayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

export function dateOfDayNumber(dayNum: number): string {
  return new Date(dayNum * MS_PER_DAY).toISOString().slice(0, 10);
}
