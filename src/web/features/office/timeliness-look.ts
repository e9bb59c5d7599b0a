import type { DepartmentTimeliness } from "../../../contract/api";

export type TimelinessTone = "good" | "bad" | "warn" | "plain";

/** How a department's standing is shown: its words (a message key and values) and a tone. */
export interface TimelinessLook {
  tone: TimelinessTone;
  key: `status.${DepartmentTimeliness["status"]}`;
  count: number;
  /** A second line: the extension that covered a late hand-in, or lets a late one still come. */
  note: { key: "withinException" | "pendingException"; until: string } | null;
}

/**
 * On time is good; late within an extension the office granted is a warning (it was
 * allowed); late without one, or missing, is bad; not yet due is plain.
 */
export function timelinessLook(row: DepartmentTimeliness): TimelinessLook {
  const key = `status.${row.status}` as const;
  const count = row.daysLate ?? 0;
  switch (row.status) {
    case "on_time":
      return { tone: "good", key, count, note: null };
    case "late":
      return {
        tone: row.withinException ? "warn" : "bad",
        key,
        count,
        note:
          row.withinException && row.exceptionUntil
            ? { key: "withinException", until: row.exceptionUntil }
            : null,
      };
    case "missing":
      return { tone: "bad", key, count, note: null };
    case "pending":
      return {
        tone: "plain",
        key,
        count,
        note: row.exceptionUntil ? { key: "pendingException", until: row.exceptionUntil } : null,
      };
  }
}

/** Sorts the worst first: missing, late (longest first), pending, on time. */
export function timelinessRank(row: DepartmentTimeliness): number {
  const base = { missing: 3000, late: 2000, pending: 1000, on_time: 0 }[row.status];
  return base + Math.min(row.daysLate ?? 0, 999);
}
