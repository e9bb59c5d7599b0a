/**
 * Deadlines are calendar dates in China Standard Time (UTC+8, no daylight saving): a
 * department due on 2026-03-10 may hand in until 2026-03-10 24:00 Beijing time, which
 * is 2026-03-10T16:00:00Z. Everything here is arithmetic on ISO strings; no clock.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Beijing hour (0–23) of an instant. */
export function beijingHour(instant: Date): number {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).getUTCHours();
}

/** The first instant after a Beijing calendar date has ended. */
export function endOfBeijingDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - BEIJING_OFFSET_MS);
}

/** Whether a date's deadline has passed at `now`. */
export function isPast(date: string, now: Date): boolean {
  return now.getTime() >= endOfBeijingDay(date).getTime();
}

/** Calendar days from date `a` to date `b` (negative when b is earlier). */
export function daysFromTo(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/**
 * How many days late a hand-in at `at` is for a date due `due`: 0 when on time, else
 * the Beijing calendar days after the due date (a hand-in at 00:30 on 11 March is 1 day late).
 */
export function daysLate(due: string, at: Date): number {
  return Math.max(0, daysFromTo(due, beijingDate(at)));
}
