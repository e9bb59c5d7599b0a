import { figureCoverage } from "../progress/figure-coverage";
import { daysLate, isPast } from "./deadline";

/**
 * How a department stands against the departments' deadline:
 * - `on_time`: first submitted by the end of the due day (24:00 Beijing time);
 * - `late`: first submitted after it;
 * - `missing`: not submitted, and its last day has passed — the due date, or the last
 *   day of a lock exception when one lets it write longer;
 * - `pending`: not submitted, and its last day has not passed yet.
 */
export type TimelinessStatus = "on_time" | "late" | "missing" | "pending";

export interface TimelinessFacts {
  /** The departments' deadline (YYYY-MM-DD, Beijing calendar date). */
  due: string;
  /**
   * The last day (inclusive) of the lock exception the office granted the department,
   * if one applies: for a submitted department the one in force when it first
   * submitted, otherwise the one in force now.
   */
  exceptionUntil: string | null;
  /** The department's first submission; a return does not reset it. */
  firstSubmittedAt: Date | null;
  now: Date;
}

export interface Timeliness {
  status: TimelinessStatus;
  /**
   * Beijing calendar days after the due date: for `late`, on the day of the first
   * submission (00:30 on the day after the due date is 1 day late); for `missing`,
   * today (how long it is overdue so far). Null for `on_time` and `pending`.
   */
  daysLate: number | null;
  /**
   * For `late` only: the first submission came by the end of the exception's last day,
   * so the office had allowed it. False otherwise.
   */
  withinException: boolean;
}

/** The last day a department may still hand in: the due date, or a later exception's day. */
function lastDay(due: string, exceptionUntil: string | null): string {
  return exceptionUntil !== null && exceptionUntil > due ? exceptionUntil : due;
}

/** Where a department stands against its deadline (see TimelinessStatus). */
export function timeliness(facts: TimelinessFacts): Timeliness {
  const { due, exceptionUntil, firstSubmittedAt, now } = facts;
  if (firstSubmittedAt !== null) {
    if (!isPast(due, firstSubmittedAt)) {
      return { status: "on_time", daysLate: null, withinException: false };
    }
    return {
      status: "late",
      daysLate: daysLate(due, firstSubmittedAt),
      withinException: exceptionUntil !== null && !isPast(exceptionUntil, firstSubmittedAt),
    };
  }
  if (isPast(lastDay(due, exceptionUntil), now)) {
    return { status: "missing", daysLate: daysLate(due, now), withinException: false };
  }
  return { status: "pending", daysLate: null, withinException: false };
}

/** One indicator of the department, as far as completeness asks. */
export interface CompletenessIndicator {
  code: string;
  /** The data elements its formula reads. */
  inputs: readonly string[];
  /** Whether the framework asks for evidence on it (a non-empty `evidence` list). */
  requiresEvidence: boolean;
}

export interface CompletenessInput {
  indicators: readonly CompletenessIndicator[];
  /** The department's work item codes. */
  workItems: readonly string[];
  /** The year's region codes. */
  regions: readonly string[];
  /** The regions (or `city`) with a figure entered, per data element. */
  entered: (element: string) => ReadonlySet<string> | undefined;
  /** Evidence filed under the department, as `indicator:CODE` or `dataElement:CODE`. */
  evidence: ReadonlySet<string>;
  /** Work item codes with an answer saved. */
  answered: ReadonlySet<string>;
}

export interface Completeness {
  complete: number;
  total: number;
  /** complete / total, from 0 to 1; null when the department has no items. */
  share: number | null;
}

/**
 * How many of a department's items are complete, of its indicators and work items.
 *
 * An indicator is complete when both hold:
 * 1. every figure it needs is entered: for each data element its formula reads, the
 *    figures figure-coverage.ts expects (one per region; or the one city figure of an
 *    element entered only city-wide; or the city figure in a year without regions) are
 *    all there — an indicator that reads no element needs none;
 * 2. if the framework asks for evidence on it, evidence is filed under the department on
 *    the indicator itself or on one of the data elements it reads (the same rule as the
 *    `missing_evidence` check before submitting).
 * A work item is complete when it has an answer saved.
 */
export function completeness(input: CompletenessInput): Completeness {
  let complete = 0;
  for (const indicator of input.indicators) {
    const figures = figureCoverage(indicator.inputs, input.regions, input.entered);
    const evidenced =
      !indicator.requiresEvidence ||
      input.evidence.has(`indicator:${indicator.code}`) ||
      indicator.inputs.some((element) => input.evidence.has(`dataElement:${element}`));
    if (figures.filled === figures.expected && evidenced) complete += 1;
  }
  for (const item of input.workItems) {
    if (input.answered.has(item)) complete += 1;
  }
  const total = input.indicators.length + input.workItems.length;
  return { complete, total, share: total === 0 ? null : complete / total };
}
