import type { SubmissionState } from "./states";
import { isPast } from "./deadline";

/** Why an item cannot be changed now; each has its own message. */
export type LockReason =
  | { kind: "closed" }
  | { kind: "aggregated" }
  | { kind: "submitted"; department: string }
  | { kind: "accepted"; department: string }
  | { kind: "deadline"; department: string; due: string };

export interface LockFacts {
  cycleStatus: "open" | "aggregated" | "closed";
  departmentsDue: string;
  /** The departments whose items include the target (a figure may feed several). */
  owners: readonly string[];
  /** Each owner's hand-in state; a department without a row is in draft. */
  states: ReadonlyMap<string, SubmissionState>;
  /** The writer's department, or null for the office and administrators. */
  writerDepartment: string | null;
  /** Per department, the last day (inclusive) of an exception granted by the office. */
  exceptions: ReadonlyMap<string, string>;
  now: Date;
}

/**
 * The lock rule, in order: a closed or aggregated year locks everything for everyone;
 * an owner whose data is certified (submitted or accepted) locks the item for everyone —
 * the office returns it first, so nothing changes silently after a head signed for it;
 * after the departments' deadline the year is locked for department users unless the
 * office granted their department an exception that has not run out — or returned
 * (or reopened) its hand-in, which is itself the office asking for a correction.
 */
export function lockReason(facts: LockFacts): LockReason | null {
  if (facts.cycleStatus === "closed") return { kind: "closed" };
  if (facts.cycleStatus === "aggregated") return { kind: "aggregated" };
  for (const department of facts.owners) {
    const state = facts.states.get(department) ?? "draft";
    if (state === "submitted" || state === "accepted") return { kind: state, department };
  }
  const writer = facts.writerDepartment;
  const writerState = writer === null ? undefined : (facts.states.get(writer) ?? "draft");
  if (writer !== null && writerState === "draft" && isPast(facts.departmentsDue, facts.now)) {
    const until = facts.exceptions.get(writer);
    if (until === undefined || isPast(until, facts.now)) {
      return { kind: "deadline", department: writer, due: facts.departmentsDue };
    }
  }
  return null;
}
