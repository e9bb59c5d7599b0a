import { describe, expect, it } from "vitest";
import { deadlineState } from "./deadline";

describe("deadlineState", () => {
  it("counts the days left before the deadline", () => {
    expect(deadlineState("2026-03-10", "2026-03-01")).toEqual({ kind: "ahead", days: 9 });
  });

  it("keeps the deadline day itself on time", () => {
    expect(deadlineState("2026-03-10", "2026-03-10")).toEqual({ kind: "today" });
  });

  it("counts the days since a passed deadline, across a month's end", () => {
    expect(deadlineState("2026-02-27", "2026-03-02")).toEqual({ kind: "passed", days: 3 });
  });

  it("gives nothing for a date it cannot read", () => {
    expect(deadlineState("soon", "2026-03-02")).toBeNull();
  });
});
