import { describe, expect, it } from "vitest";
import type { LockExceptionsTable } from "../db/schema";
import { exceptionInForce } from "./list-timeliness";

const grant = (overrides: Partial<LockExceptionsTable>): LockExceptionsTable => ({
  id: "x",
  cycle_id: "c",
  department_code: "EDU",
  until: "2026-03-13",
  reason: "系统故障",
  granted_by: "office",
  granted_at: "2026-03-11T02:00:00.000Z",
  revoked_by: null,
  revoked_at: null,
  ...overrides,
});

describe("the lock exception that applies at an instant", () => {
  it.each<[string, LockExceptionsTable[], string, string | null]>([
    ["none granted", [], "2026-03-12T00:00:00.000Z", null],
    ["one in force", [grant({})], "2026-03-12T00:00:00.000Z", "2026-03-13"],
    ["granted only later", [grant({})], "2026-03-11T01:59:59.999Z", null],
    [
      "another department's",
      [grant({ department_code: "HEALTH" })],
      "2026-03-12T00:00:00.000Z",
      null,
    ],
    [
      "revoked before the instant",
      [grant({ revoked_at: "2026-03-11T05:00:00.000Z", revoked_by: "office" })],
      "2026-03-12T00:00:00.000Z",
      null,
    ],
    [
      "revoked only after the instant",
      [grant({ revoked_at: "2026-03-12T05:00:00.000Z", revoked_by: "office" })],
      "2026-03-12T00:00:00.000Z",
      "2026-03-13",
    ],
    [
      "the latest day of two in force",
      [grant({ until: "2026-03-15" }), grant({ id: "y", until: "2026-03-12" })],
      "2026-03-12T00:00:00.000Z",
      "2026-03-15",
    ],
  ])("%s", (_label, rows, at, expected) => {
    expect(exceptionInForce(rows, "EDU", at)).toBe(expected);
  });
});
