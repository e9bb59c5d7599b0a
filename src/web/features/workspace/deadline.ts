/**
 * Days between today and the departments' deadline, by calendar date in local time: the
 * deadline day itself still counts as on time ("今天截止"), the day after is one day late.
 */
export type DeadlineState =
  { kind: "ahead"; days: number } | { kind: "today" } | { kind: "passed"; days: number };

const DAY = 24 * 60 * 60 * 1000;

/** `due` is YYYY-MM-DD; `today` the local calendar date as YYYY-MM-DD. */
export function deadlineState(due: string, today: string): DeadlineState | null {
  const dueDay = Date.parse(`${due}T00:00:00Z`);
  const todayDay = Date.parse(`${today}T00:00:00Z`);
  if (!Number.isFinite(dueDay) || !Number.isFinite(todayDay)) return null;
  const days = Math.round((dueDay - todayDay) / DAY);
  if (days > 0) return { kind: "ahead", days };
  if (days === 0) return { kind: "today" };
  return { kind: "passed", days: -days };
}
