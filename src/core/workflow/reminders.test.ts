import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instant, instantAt, msOf } from "../../../test/support/instants";
import { DEFAULT_REMINDER_DAYS, dueNotices, type ReminderDepartment } from "./reminders";
import { SUBMISSION_STATES, type SubmissionState } from "./states";

const DUE = "2026-03-10";
const DAY_MS = 24 * 60 * 60 * 1000;

/** 10:00 Beijing time (02:00 UTC) `days` calendar days before the deadline (negative: after). */
const daysBefore = (days: number) => instantAt(msOf(`${DUE}T02:00:00.000Z`) - days * DAY_MS);

const department = (
  code: string,
  state: SubmissionState = "draft",
  everSubmitted = state !== "draft",
): ReminderDepartment => ({ code, name: `${code} 局`, state, everSubmitted });

const plan = (now: Date, departments: ReminderDepartment[], days = DEFAULT_REMINDER_DAYS) =>
  dueNotices({ year: 2025, departmentsDue: DUE, now, daysBefore: days, departments });

const keys = (now: Date, departments: ReminderDepartment[], days = DEFAULT_REMINDER_DAYS) =>
  plan(now, departments, days).map((notice) => notice.key);

describe("dueNotices: reminders before the deadline", () => {
  it.each([
    [8, []],
    [7, ["reminder:2025:EDU:7"]],
    [6, ["reminder:2025:EDU:7"]],
    [5, ["reminder:2025:EDU:7"]],
    [4, ["reminder:2025:EDU:7"]],
    [3, ["reminder:2025:EDU:3"]],
    [2, ["reminder:2025:EDU:3"]],
    [1, ["reminder:2025:EDU:1"]],
    [0, ["reminder:2025:EDU:1"]],
  ])("%i day(s) before: %j", (days, expected) => {
    expect(keys(daysBefore(days), [department("EDU")])).toEqual(expected);
  });

  it.each([
    ["draft", ["reminder:2025:X:3"]],
    ["returned", ["reminder:2025:X:3"]],
    ["submitted", []],
    ["accepted", []],
  ] as [SubmissionState, string[]][])("a %s department: %j", (state, expected) => {
    expect(keys(daysBefore(3), [department("X", state)])).toEqual(expected);
  });

  it("nothing before 09:00 Beijing time, the first notices at 09:00", () => {
    const sevenDaysBefore = "2026-03-03";
    const at = (utc: string) => instant(`${sevenDaysBefore}T${utc}Z`);
    expect(keys(at("00:59:59.999"), [department("EDU")])).toEqual([]);
    expect(keys(at("01:00:00.000"), [department("EDU")])).toEqual(["reminder:2025:EDU:7"]);
    // 23:59 Beijing on the deadline's eve is still the eve.
    expect(keys(instant("2026-03-09T15:59:00Z"), [department("EDU")])).toEqual([
      "reminder:2025:EDU:1",
    ]);
  });

  it("says in Chinese how many days are left, with the date as Chinese readers write it", () => {
    const [notice] = plan(daysBefore(7), [department("EDU")]);
    expect(notice!.audience).toBe("department");
    expect(notice!.title.zh).toBe("2025 年度考评材料报送提醒：还有 7 天截止");
    expect(notice!.body.zh).toContain(
      "EDU 局：2025 年度基本公共服务均等化绩效考评材料须于 2026年3月10日前报送",
    );
    const [today] = plan(daysBefore(0), [department("EDU")]);
    expect(today!.title.zh).toBe("2025 年度考评材料报送提醒：今天截止");
    expect(today!.title.en).toBe("2025 evaluation: hand-in due today");
  });

  it("uses the configured thresholds, ignoring duplicates and order", () => {
    expect(keys(daysBefore(9), [department("EDU")], [3, 10, 10])).toEqual(["reminder:2025:EDU:10"]);
    expect(keys(daysBefore(11), [department("EDU")], [10, 3])).toEqual([]);
  });
});

describe("dueNotices: after the deadline", () => {
  const departments = [
    department("NEVER"),
    department("RETURNED", "returned", true),
    department("SUBMITTED", "submitted"),
    department("ACCEPTED", "accepted"),
    // Reopened by the office after an acceptance, back in draft: it did hand in once.
    department("REOPENED", "draft", true),
  ];

  it.each([1, 2, 30])(
    "%i day(s) late: overdue to a department that never submitted and escalation to the office, nothing else",
    (late) => {
      const notices = plan(daysBefore(-late), departments);
      expect(notices.map((notice) => [notice.key, notice.audience])).toEqual([
        ["overdue:2025:NEVER", "department"],
        ["escalation:2025:NEVER", "office"],
      ]);
      expect(notices[0]!.body.zh).toContain(`已逾期 ${late} 天仍未报送`);
      expect(notices[1]!.title.zh).toBe("NEVER 局逾期未报送 2025 年度考评材料");
    },
  );

  it("nothing before 09:00 on the day after the deadline either", () => {
    expect(keys(instant("2026-03-10T16:30:00Z"), departments)).toEqual([]);
  });
});

describe("dueNotices: properties", () => {
  const stateArb = fc.constantFrom(...SUBMISSION_STATES);
  const departmentsArb = fc.uniqueArray(
    fc.record({
      code: fc.stringMatching(/^[A-Z]{1,6}$/),
      state: stateArb,
      everSubmitted: fc.boolean(),
    }),
    { selector: (entry) => entry.code, maxLength: 8 },
  );
  const thresholdsArb = fc.array(fc.integer({ min: -2, max: 30 }), { maxLength: 6 });
  const instantArb = fc
    .integer({ min: -40 * 24 * 60, max: 15 * 24 * 60 })
    .map((minutes) => instantAt(msOf(`${DUE}T16:00:00.000Z`) - minutes * 60 * 1000));

  it("each key appears at most once, and a reminder names the nearest threshold reached", () => {
    fc.assert(
      fc.property(departmentsArb, thresholdsArb, instantArb, (entries, thresholds, now) => {
        const departments = entries.map((entry) => ({ ...entry, name: entry.code }));
        const notices = plan(now, departments, thresholds);
        const all = notices.map((notice) => notice.key);
        expect(new Set(all).size).toBe(all.length);

        const beijing = instantAt(now.getTime() + 8 * 60 * 60 * 1000);
        const today = beijing.toISOString().slice(0, 10);
        const daysLeft = Math.round(
          (msOf(`${DUE}T00:00:00Z`) - msOf(`${today}T00:00:00Z`)) / DAY_MS,
        );
        for (const notice of notices) {
          expect(beijing.getUTCHours()).toBeGreaterThanOrEqual(9);
          if (notice.kind !== "reminder") {
            expect(daysLeft).toBeLessThan(0);
            continue;
          }
          const threshold = Number(notice.key.split(":")[3]);
          const positive = thresholds.filter((days) => days > 0);
          expect(positive).toContain(threshold);
          expect(daysLeft).toBeGreaterThanOrEqual(0);
          expect(daysLeft).toBeLessThanOrEqual(threshold);
          // No smaller threshold is reached yet: the nearest one is picked.
          expect(positive.filter((days) => days >= daysLeft && days < threshold)).toEqual([]);
        }
      }),
    );
  });

  it("a department handed in (submitted or accepted) never gets a notice", () => {
    fc.assert(
      fc.property(departmentsArb, instantArb, (entries, now) => {
        const departments = entries.map((entry) => ({ ...entry, name: entry.code }));
        const handedIn = new Set(
          departments
            .filter((entry) => entry.state === "submitted" || entry.state === "accepted")
            .map((entry) => entry.code),
        );
        for (const notice of plan(now, departments)) {
          expect(handedIn.has(notice.department)).toBe(false);
        }
      }),
    );
  });
});
