import { describe, expect, it } from "vitest";
import { changeRows } from "./audit-change";

describe("changeRows", () => {
  it("lists every field of either side with its value before and after", () => {
    expect(
      changeRows(
        { value: 12, note: "旧", version: 3 },
        { value: 15, note: "旧", version: 4, by: "edu-clerk" },
      ),
    ).toEqual([
      { field: "value", before: "12", after: "15", changed: true },
      { field: "note", before: "旧", after: "旧", changed: false },
      { field: "version", before: "3", after: "4", changed: true },
      { field: "by", before: undefined, after: "edu-clerk", changed: true },
    ]);
  });

  it("treats a missing side (a creation or a removal) as empty", () => {
    expect(changeRows(null, { role: "office", disabled: false })).toEqual([
      { field: "role", before: undefined, after: "office", changed: true },
      { field: "disabled", before: undefined, after: "false", changed: true },
    ]);
    expect(changeRows({ fileName: "a.pdf" }, null)).toEqual([
      { field: "fileName", before: "a.pdf", after: undefined, changed: true },
    ]);
  });

  it("writes nested values as JSON and plain sides as one row", () => {
    expect(changeRows(null, { awarded: { C1: 2, C2: 0 } })[0]!.after).toBe('{"C1":2,"C2":0}');
    expect(changeRows(1, 2)).toEqual([{ field: "", before: "1", after: "2", changed: true }]);
  });

  it("gives nothing when there is no change recorded", () => {
    expect(changeRows(null, null)).toEqual([]);
  });
});
