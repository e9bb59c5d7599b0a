import { describe, expect, it } from "vitest";
import type { DepartmentTimeliness } from "../../../contract/api";
import { timelinessLook, timelinessRank } from "./timeliness-look";

const base: DepartmentTimeliness = {
  code: "EDU",
  name: "市教育局",
  state: "draft",
  firstSubmittedAt: null,
  lastSubmittedAt: null,
  status: "pending",
  daysLate: null,
  exceptionUntil: null,
  withinException: false,
  returns: 0,
  items: { complete: 0, total: 1, share: 0 },
};
const row = (overrides: Partial<DepartmentTimeliness>) => ({ ...base, ...overrides });

describe("how a department's timeliness is shown", () => {
  it.each<[string, Partial<DepartmentTimeliness>, ReturnType<typeof timelinessLook>]>([
    [
      "on time",
      { status: "on_time" },
      { tone: "good", key: "status.on_time", count: 0, note: null },
    ],
    [
      "late, no extension",
      { status: "late", daysLate: 3 },
      { tone: "bad", key: "status.late", count: 3, note: null },
    ],
    [
      "late within an extension",
      { status: "late", daysLate: 2, withinException: true, exceptionUntil: "2026-03-13" },
      {
        tone: "warn",
        key: "status.late",
        count: 2,
        note: { key: "withinException", until: "2026-03-13" },
      },
    ],
    [
      "late after an extension ran out",
      { status: "late", daysLate: 5, withinException: false, exceptionUntil: "2026-03-13" },
      { tone: "bad", key: "status.late", count: 5, note: null },
    ],
    [
      "missing",
      { status: "missing", daysLate: 4 },
      { tone: "bad", key: "status.missing", count: 4, note: null },
    ],
    ["pending", {}, { tone: "plain", key: "status.pending", count: 0, note: null }],
    [
      "pending on an extension",
      { exceptionUntil: "2026-03-13" },
      {
        tone: "plain",
        key: "status.pending",
        count: 0,
        note: { key: "pendingException", until: "2026-03-13" },
      },
    ],
  ])("%s", (_label, overrides, expected) => {
    expect(timelinessLook(row(overrides))).toEqual(expected);
  });

  it("ranks missing above late (longer first), late above pending, pending above on time", () => {
    const ranked = [
      row({ code: "A", status: "on_time" }),
      row({ code: "B", status: "late", daysLate: 1 }),
      row({ code: "C", status: "missing", daysLate: 1 }),
      row({ code: "D", status: "pending" }),
      row({ code: "E", status: "late", daysLate: 6 }),
    ]
      .sort((a, b) => timelinessRank(b) - timelinessRank(a))
      .map((r) => r.code);
    expect(ranked).toEqual(["C", "E", "B", "D", "A"]);
  });
});
