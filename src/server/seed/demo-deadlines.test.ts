import { describe, expect, it } from "vitest";
import { demoDeadlines } from "./seed-demo";

describe("the open demo year's deadlines", () => {
  it.each([
    ["2026-03-01T02:00:00Z", "2026-03-10", "2026-03-25"],
    // 10 March 23:59 Beijing time: the plan's deadline has not passed yet.
    ["2026-03-10T15:59:00Z", "2026-03-10", "2026-03-25"],
    // 11 March 00:00 Beijing time: it has, so the demo moves three and five weeks ahead.
    ["2026-03-10T16:00:00Z", "2026-04-01", "2026-04-15"],
    ["2026-12-01T03:00:00Z", "2026-12-22", "2027-01-05"],
  ])("seeded at %s: departments due %s, province due %s", (now, departments, province) => {
    expect(demoDeadlines(2025, new Date(now))).toEqual({
      departmentsDue: departments,
      provinceDue: province,
    });
  });
});
