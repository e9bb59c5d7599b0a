import { localized, type Localized } from "../text/localized";
import { beijingDate, beijingHour, daysFromTo } from "./deadline";
import type { SubmissionState } from "./states";

/** The plan's default: remind 7, 3 and 1 days before the departments' deadline. */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [7, 3, 1];

/** Notices go out from 09:00 Beijing time, not at midnight. */
export const NOTICE_HOUR = 9;

export interface ReminderDepartment {
  code: string;
  name: string;
  state: SubmissionState;
  /** Whether it has ever submitted this year (a later return does not make it overdue). */
  everSubmitted: boolean;
}

export interface ReminderInput {
  year: number;
  departmentsDue: string;
  now: Date;
  daysBefore: readonly number[];
  departments: readonly ReminderDepartment[];
}

export type NoticeKind = "reminder" | "overdue" | "escalation";

/** One notice that is due now. `key` is unique for the notice; it is sent at most once. */
export interface DueNotice {
  key: string;
  kind: NoticeKind;
  year: number;
  department: string;
  /** Who reads it: the department's clerks and head, or the office. */
  audience: "department" | "office";
  title: Localized;
  body: Localized;
}

function dateZh(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The notices due at `now` for one year. Before the deadline: for a department not
 * handed in, the nearest threshold already reached (7, 3, 1 days) — one reminder per
 * threshold, and a threshold the server slept through is not sent late once a nearer one
 * applies. After the deadline: one overdue notice to a department that never submitted,
 * and one escalation of it to the office. Nothing before 09:00 Beijing time.
 */
export function dueNotices(input: ReminderInput): DueNotice[] {
  if (beijingHour(input.now) < NOTICE_HOUR) return [];
  const today = beijingDate(input.now);
  const daysLeft = daysFromTo(today, input.departmentsDue);
  const due = dateZh(input.departmentsDue);
  const notices: DueNotice[] = [];
  const thresholds = [...new Set(input.daysBefore)].filter((d) => d > 0).sort((a, b) => a - b);
  for (const department of input.departments) {
    const handedIn = department.state === "submitted" || department.state === "accepted";
    if (daysLeft >= 0) {
      if (handedIn) continue;
      const threshold = thresholds.find((days) => daysLeft <= days);
      if (threshold === undefined) continue;
      const when = daysLeft === 0 ? "今天" : `还有 ${daysLeft} 天`;
      const whenEn = daysLeft === 0 ? "today" : `in ${daysLeft} day(s)`;
      notices.push({
        key: `reminder:${input.year}:${department.code}:${threshold}`,
        kind: "reminder",
        year: input.year,
        department: department.code,
        audience: "department",
        title: localized(
          `${input.year} 年度考评材料报送提醒：${when}截止`,
          `${input.year} evaluation: hand-in due ${whenEn}`,
        ),
        body: localized(
          `${department.name}：${input.year} 年度基本公共服务均等化绩效考评材料须于 ${due}前报送，${when}截止。请尽快完成指标考评表、工作测评表和辅证材料，经单位负责人确认后报送考评办。`,
          `${department.name}: the ${input.year} evaluation materials are due on ${input.departmentsDue} (${whenEn}). Please complete the tables and evidence and have your head certify and submit them to the evaluation office.`,
        ),
      });
      continue;
    }
    if (department.everSubmitted || handedIn) continue;
    const late = -daysLeft;
    notices.push({
      key: `overdue:${input.year}:${department.code}`,
      kind: "overdue",
      year: input.year,
      department: department.code,
      audience: "department",
      title: localized(
        `${input.year} 年度考评材料已逾期未报送`,
        `${input.year} evaluation: hand-in overdue`,
      ),
      body: localized(
        `${department.name}：${input.year} 年度考评材料报送截止日期为 ${due}，现已逾期 ${late} 天仍未报送。请立即完成报送；如需延期，请向考评办申请。`,
        `${department.name}: the ${input.year} evaluation materials were due on ${input.departmentsDue} and are ${late} day(s) overdue. Please submit now, or ask the evaluation office for an extension.`,
      ),
    });
    notices.push({
      key: `escalation:${input.year}:${department.code}`,
      kind: "escalation",
      year: input.year,
      department: department.code,
      audience: "office",
      title: localized(
        `${department.name}逾期未报送 ${input.year} 年度考评材料`,
        `${department.name} has not handed in its ${input.year} evaluation materials`,
      ),
      body: localized(
        `${department.name}的 ${input.year} 年度考评材料截止日期为 ${due}，已逾期 ${late} 天仍未报送，请督促。`,
        `${department.name}'s ${input.year} evaluation materials were due on ${input.departmentsDue} and are ${late} day(s) overdue; please follow up.`,
      ),
    });
  }
  return notices;
}
