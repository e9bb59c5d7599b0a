import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instant, instantAt, msOf } from "../../../test/support/instants";
import {
  beijingDate,
  beijingHour,
  daysFromTo,
  daysLate,
  endOfBeijingDayMs,
  isCalendarDate,
  isPast,
} from "./deadline";

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

describe("Beijing calendar days", () => {
  it.each([
    ["2026-03-10T15:59:59.999Z", "2026-03-10", 23],
    ["2026-03-10T16:00:00.000Z", "2026-03-11", 0],
    ["2026-03-09T16:00:00.000Z", "2026-03-10", 0],
    ["2026-03-10T00:00:00.000Z", "2026-03-10", 8],
    ["2025-12-31T16:30:00.000Z", "2026-01-01", 0],
    ["2024-02-28T16:00:00.000Z", "2024-02-29", 0],
    ["1969-12-31T16:00:00.000Z", "1970-01-01", 0],
    ["1969-12-31T15:59:59.999Z", "1969-12-31", 23],
  ])("%s is %s, hour %i in Beijing", (iso, date, hour) => {
    expect(beijingDate(instant(iso))).toBe(date);
    expect(beijingHour(instant(iso))).toBe(hour);
  });

  it("a day ends at 16:00 UTC", () => {
    expect(endOfBeijingDayMs("2026-03-10")).toBe(msOf("2026-03-10T16:00:00.000Z"));
    expect(endOfBeijingDayMs("2026-02-28")).toBe(msOf("2026-02-28T16:00:00.000Z"));
    expect(endOfBeijingDayMs("2024-02-29")).toBe(msOf("2024-02-29T16:00:00.000Z"));
  });

  it.each([
    ["2026-03-10T15:59:00.000Z", false],
    ["2026-03-10T15:59:59.999Z", false],
    ["2026-03-10T16:00:00.000Z", true],
    ["2026-03-11T02:00:00.000Z", true],
    ["2026-03-01T02:00:00.000Z", false],
  ])("due 2026-03-10, at %s past: %s", (iso, past) => {
    expect(isPast("2026-03-10", instant(iso))).toBe(past);
  });

  it.each([
    ["2026-03-10", "2026-03-10", 0],
    ["2026-03-10", "2026-03-11", 1],
    ["2026-03-11", "2026-03-10", -1],
    ["2026-02-28", "2026-03-01", 1],
    ["2024-02-28", "2024-03-01", 2],
    ["2025-12-31", "2026-01-01", 1],
    ["2000-02-28", "2000-03-01", 2],
    ["2100-02-28", "2100-03-01", 1],
  ])("from %s to %s: %i day(s)", (a, b, days) => {
    expect(daysFromTo(a, b)).toBe(days);
  });

  it.each([
    ["2026-03-01T02:00:00.000Z", 0],
    ["2026-03-10T15:59:59.999Z", 0],
    ["2026-03-10T16:00:00.000Z", 1],
    ["2026-03-10T16:30:00.000Z", 1],
    ["2026-03-11T15:59:59.999Z", 1],
    ["2026-03-11T16:00:00.000Z", 2],
    ["2026-03-20T04:00:00.000Z", 10],
  ])("due 2026-03-10, handed in at %s: %i day(s) late", (iso, days) => {
    expect(daysLate("2026-03-10", instant(iso))).toBe(days);
  });

  const instants = fc
    .integer({ min: msOf("1900-01-01T00:00:00Z"), max: msOf("2400-01-01T00:00:00Z") })
    .map(instantAt);

  it("agrees with the calendar of the ISO format, hour and date (property)", () => {
    fc.assert(
      fc.property(instants, (at) => {
        const shifted = instantAt(at.getTime() + BEIJING_OFFSET_MS).toISOString();
        expect(beijingDate(at)).toBe(shifted.slice(0, 10));
        expect(beijingHour(at)).toBe(Number(shifted.slice(11, 13)));
      }),
    );
  });

  it("an instant is past its own Beijing date exactly when that day has ended (property)", () => {
    fc.assert(
      fc.property(instants, (at) => {
        const date = beijingDate(at);
        expect(isPast(date, at)).toBe(false);
        expect(isPast(date, instantAt(endOfBeijingDayMs(date)))).toBe(true);
        expect(isPast(date, instantAt(endOfBeijingDayMs(date) - 1))).toBe(false);
        expect(endOfBeijingDayMs(date) - at.getTime()).toBeLessThanOrEqual(DAY_MS);
        expect(daysLate(date, at)).toBe(0);
      }),
    );
  });

  it("lateness is 0 exactly when not past, and grows by one a day (property)", () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 400 }), (at, later) => {
        const due = beijingDate(at);
        const handedIn = instantAt(at.getTime() + later * DAY_MS);
        expect(daysLate(due, handedIn)).toBe(later);
        expect(isPast(due, handedIn)).toBe(true);
        expect(daysFromTo(due, beijingDate(handedIn))).toBe(later);
      }),
    );
  });
});

describe("calendar dates as the API takes them", () => {
  it.each([
    ["2026-03-10", true],
    ["2028-02-29", true],
    ["2026-02-29", false],
    ["2026-02-30", false],
    ["2026-13-01", false],
    ["2026-3-1", false],
    ["2026-03-10T00:00", false],
    ["", false],
  ])("%s is a date: %s", (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });
});
