import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instant, instantAt, msOf } from "../../../test/support/instants";
import { lockReason, type LockFacts, type LockReason } from "./lock";
import { SUBMISSION_STATES, type SubmissionState } from "./states";

const DUE = "2026-03-10";
const BEFORE = instant("2026-03-10T15:59:59.999Z");
const AFTER = instant("2026-03-10T16:00:00.000Z");

function facts(overrides: Partial<LockFacts> = {}): LockFacts {
  return {
    cycleStatus: "open",
    departmentsDue: DUE,
    owners: ["EDU"],
    states: new Map(),
    writerDepartment: "EDU",
    exceptions: new Map(),
    now: BEFORE,
    ...overrides,
  };
}

const states = (entries: Record<string, SubmissionState>) => new Map(Object.entries(entries));

describe("the lock rule", () => {
  it.each<[string, Partial<LockFacts>, LockReason | null]>([
    ["an open year, a draft department, before the deadline", {}, null],
    ["a closed year", { cycleStatus: "closed" }, { kind: "closed" }],
    ["an aggregated year", { cycleStatus: "aggregated" }, { kind: "aggregated" }],
    [
      "the owner has submitted",
      { states: states({ EDU: "submitted" }) },
      { kind: "submitted", department: "EDU" },
    ],
    [
      "the owner is accepted",
      { states: states({ EDU: "accepted" }) },
      { kind: "accepted", department: "EDU" },
    ],
    ["the owner was returned", { states: states({ EDU: "returned" }) }, null],
    [
      "one of two owners has submitted (a shared figure)",
      { owners: ["EDU", "HEALTH"], states: states({ HEALTH: "submitted" }) },
      { kind: "submitted", department: "HEALTH" },
    ],
    [
      "the writer's department is draft after the deadline",
      { now: AFTER },
      { kind: "deadline", department: "EDU", due: DUE },
    ],
    [
      "the writer's department was returned, after the deadline",
      { now: AFTER, states: states({ EDU: "returned" }) },
      null,
    ],
    ["the office writes after the deadline", { now: AFTER, writerDepartment: null }, null],
    [
      "an exception until 2026-03-12, on the 12th",
      { now: instant("2026-03-12T15:59:59.999Z"), exceptions: new Map([["EDU", "2026-03-12"]]) },
      null,
    ],
    [
      "an exception until 2026-03-12, once the 12th has ended",
      { now: instant("2026-03-12T16:00:00.000Z"), exceptions: new Map([["EDU", "2026-03-12"]]) },
      { kind: "deadline", department: "EDU", due: DUE },
    ],
    [
      "an exception for another department",
      { now: AFTER, exceptions: new Map([["HEALTH", "2026-03-20"]]) },
      { kind: "deadline", department: "EDU", due: DUE },
    ],
    // Precedence: the year's status before certification before the deadline.
    [
      "closed beats submitted and deadline",
      { cycleStatus: "closed", now: AFTER, states: states({ EDU: "submitted" }) },
      { kind: "closed" },
    ],
    [
      "aggregated beats accepted and deadline",
      { cycleStatus: "aggregated", now: AFTER, states: states({ EDU: "accepted" }) },
      { kind: "aggregated" },
    ],
    [
      "submitted beats the deadline",
      { now: AFTER, states: states({ EDU: "submitted" }) },
      { kind: "submitted", department: "EDU" },
    ],
    [
      "a submitted owner locks the office too",
      { writerDepartment: null, states: states({ EDU: "submitted" }) },
      { kind: "submitted", department: "EDU" },
    ],
    [
      "an accepted owner locks the office too, exception or not",
      {
        writerDepartment: null,
        states: states({ EDU: "accepted" }),
        exceptions: new Map([["EDU", "2026-03-20"]]),
      },
      { kind: "accepted", department: "EDU" },
    ],
    [
      "a draft writer past the deadline on an item another (returned) department owns",
      { owners: ["HEALTH"], states: states({ HEALTH: "returned" }), now: AFTER },
      { kind: "deadline", department: "EDU", due: DUE },
    ],
    ["an item nobody owns, before the deadline", { owners: [] }, null],
  ])("%s", (_name, overrides, expected) => {
    expect(lockReason(facts(overrides))).toEqual(expected);
  });

  const anyState = fc.constantFrom(...SUBMISSION_STATES);
  const anyInstant = fc
    .integer({ min: msOf("2026-01-01T00:00:00Z"), max: msOf("2026-06-01T00:00:00Z") })
    .map(instantAt);

  it("never deadline-locks the office or an administrator (property)", () => {
    fc.assert(
      fc.property(anyState, anyInstant, (state, now) => {
        const reason = lockReason(
          facts({ writerDepartment: null, states: states({ EDU: state }), now }),
        );
        expect(reason?.kind).not.toBe("deadline");
        expect(reason === null).toBe(state === "draft" || state === "returned");
      }),
    );
  });

  it("locks a closed or aggregated year for everyone, whatever else holds (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("closed" as const, "aggregated" as const),
        anyState,
        anyInstant,
        fc.option(fc.constantFrom("EDU", "HEALTH")),
        (cycleStatus, state, now, writer) => {
          const reason = lockReason(
            facts({ cycleStatus, states: states({ EDU: state }), now, writerDepartment: writer }),
          );
          expect(reason).toEqual({ kind: cycleStatus });
        },
      ),
    );
  });

  it("before the deadline, only certification locks an open year (property)", () => {
    fc.assert(
      fc.property(anyState, fc.option(fc.constantFrom("EDU", "HEALTH")), (state, writer) => {
        const reason = lockReason(
          facts({ states: states({ EDU: state }), writerDepartment: writer, now: BEFORE }),
        );
        const certified = state === "submitted" || state === "accepted";
        expect(reason).toEqual(certified ? { kind: state, department: "EDU" } : null);
      }),
    );
  });
});
