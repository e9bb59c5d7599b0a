/**
 * Deadlines are calendar dates in China Standard Time (UTC+8, no daylight saving): a
 * department due on 2026-03-10 may hand in until 2026-03-10 24:00 Beijing time, which
 * is 2026-03-10T16:00:00Z. Everything here is arithmetic on ISO dates and on the
 * instants it is given (their milliseconds); it reads no clock and makes no Date.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The YYYY-MM-DD date a count of days since 1970-01-01 falls on (civil_from_days). */
function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
function dayNumber(date: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return daysFromCivil(year, month, day);
}

/** Milliseconds since 1970-01-01 Beijing time (local wall-clock milliseconds). */
const beijingMs = (instant: Date) => instant.getTime() + BEIJING_OFFSET_MS;

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export function beijingDate(instant: Date): string {
  return civilFromDays(Math.floor(beijingMs(instant) / DAY_MS));
}

/** The Beijing hour (0–23) of an instant. */
export function beijingHour(instant: Date): number {
  const ms = beijingMs(instant);
  return Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / HOUR_MS);
}

/** The first instant after a Beijing calendar date has ended, in milliseconds since the epoch. */
export function endOfBeijingDayMs(date: string): number {
  return (dayNumber(date) + 1) * DAY_MS - BEIJING_OFFSET_MS;
}

/** Whether a date's deadline has passed at `now`. */
export function isPast(date: string, now: Date): boolean {
  return now.getTime() >= endOfBeijingDayMs(date);
}

/** Calendar days from date `a` to date `b` (negative when b is earlier). */
export function daysFromTo(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/**
 * How many days late a hand-in at `at` is for a date due `due`: 0 when on time, else
 * the Beijing calendar days after the due date (a hand-in at 00:30 on 11 March is 1 day late).
 */
export function daysLate(due: string, at: Date): number {
  return Math.max(0, daysFromTo(due, beijingDate(at)));
}

/** Whether text is a real calendar date written YYYY-MM-DD (no 2026-02-30, no 2026-3-1). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return civilFromDays(daysFromCivil(year, month, day)) === text;
}
