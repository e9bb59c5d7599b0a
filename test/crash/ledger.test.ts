import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { findLostWrites, Ledger, type StoredState } from "./ledger";

/** The comparison behind "0 lost": it must name every kind of acknowledged write that is missing. */

const sha = (content: string) => createHash("sha256").update(content).digest("hex");

function ledgerWithOneOfEach(): Ledger {
  const ledger = new Ledger();
  ledger.figure({ element: "POP", region: "HC", version: 3, value: 12.5 });
  ledger.workAnswer({ item: "W01", version: 2, awarded: { C1: 2, C2: 1.5 } });
  ledger.upload({ id: "e1", sha256: sha("pdf bytes"), size: 9 });
  return ledger;
}

function storedAsAcknowledged(): StoredState {
  return {
    figures: new Map([["POP/HC", { version: 3, value: 12.5 }]]),
    work: new Map([["W01", { version: 2, awarded: JSON.stringify({ C1: 2, C2: 1.5 }) }]]),
    evidence: new Map([["e1", { sha256: sha("pdf bytes"), size: 9 }]]),
    evidenceFile: (sha256) => (sha256 === sha("pdf bytes") ? Buffer.from("pdf bytes") : undefined),
  };
}

describe("finding acknowledged writes that are not stored", () => {
  it("finds none when everything acknowledged is there, or has moved on to a later version", () => {
    expect(findLostWrites(ledgerWithOneOfEach(), storedAsAcknowledged())).toEqual([]);
    const later = storedAsAcknowledged();
    later.figures.set("POP/HC", { version: 5, value: 99 });
    later.work.set("W01", { version: 3, awarded: "{}" });
    expect(findLostWrites(ledgerWithOneOfEach(), later)).toEqual([]);
  });

  it("keeps the newest acknowledgement of a figure", () => {
    const ledger = ledgerWithOneOfEach();
    ledger.figure({ element: "POP", region: "HC", version: 2, value: 1 });
    expect(ledger.figures.get("POP/HC")).toMatchObject({ version: 3, value: 12.5 });
    expect(ledger.counts.figures).toBe(2);
  });

  it.each<[string, (stored: StoredState) => void, string]>([
    [
      "a figure missing",
      (s) => s.figures.delete("POP/HC"),
      "figure POP/HC: acknowledged v3, stored nothing",
    ],
    [
      "a figure at an older version",
      (s) => s.figures.set("POP/HC", { version: 2, value: 12.5 }),
      "figure POP/HC: acknowledged v3, stored v2",
    ],
    [
      "a figure with another value at its version",
      (s) => s.figures.set("POP/HC", { version: 3, value: 7 }),
      "figure POP/HC v3: acknowledged 12.5, stored 7",
    ],
    [
      "a work answer at an older version",
      (s) => s.work.set("W01", { version: 1, awarded: "{}" }),
      "work answer W01: acknowledged v2, stored v1",
    ],
    [
      "a work answer with other points",
      (s) => s.work.set("W01", { version: 2, awarded: '{"C1":2}' }),
      "work answer W01 v2",
    ],
    ["an upload's row missing", (s) => s.evidence.delete("e1"), "upload e1: no row"],
    ["an upload's file missing", (s) => (s.evidenceFile = () => undefined), "upload e1: no file"],
    [
      "an upload's file with other bytes",
      (s) => (s.evidenceFile = () => Buffer.from("other")),
      "holds other bytes",
    ],
  ])("names %s", (_, damage, expected) => {
    const stored = storedAsAcknowledged();
    damage(stored);
    const lost = findLostWrites(ledgerWithOneOfEach(), stored);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toContain(expected);
  });
});
