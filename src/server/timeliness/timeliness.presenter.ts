import type { DepartmentTimeliness, TimelinessReport } from "../../contract/api";

/**
 * The timeliness table as the downloads show it (CSV and Excel), in Chinese: the
 * evaluation office hands these files on as they are.
 */

/** How a column's values are written: text, a whole number, a moment, or a share (0–1). */
export type ColumnKind = "text" | "integer" | "instant" | "share";

export interface TimelinessColumn {
  header: string;
  kind: ColumnKind;
  /** Excel column width, in characters. */
  width: number;
  /** Text, a number, an ISO instant (for `instant`), or null for an empty cell. */
  value: (row: DepartmentTimeliness) => string | number | null;
}

const STATE_NAMES: Record<DepartmentTimeliness["state"], string> = {
  draft: "草稿",
  submitted: "已报送",
  returned: "已退回",
  accepted: "已接收",
};

/** 是否按时, in words: a late hand-in the office allowed says so. */
export function punctuality(row: DepartmentTimeliness): string {
  switch (row.status) {
    case "on_time":
      return "按时";
    case "late":
      return row.withinException ? "逾期（在延期内）" : "逾期";
    case "missing":
      return "未报送（已逾期）";
    case "pending":
      return "未报送（未到截止日期）";
  }
}

export const TIMELINESS_COLUMNS: readonly TimelinessColumn[] = [
  { header: "单位", kind: "text", width: 28, value: (row) => row.name },
  { header: "单位代码", kind: "text", width: 16, value: (row) => row.code },
  { header: "报送状态", kind: "text", width: 10, value: (row) => STATE_NAMES[row.state] },
  { header: "首次报送时间", kind: "instant", width: 18, value: (row) => row.firstSubmittedAt },
  { header: "是否按时", kind: "text", width: 22, value: punctuality },
  { header: "逾期天数", kind: "integer", width: 10, value: (row) => row.daysLate },
  { header: "延期截止日期", kind: "text", width: 14, value: (row) => row.exceptionUntil },
  { header: "退回次数", kind: "integer", width: 10, value: (row) => row.returns },
  { header: "已完成项数", kind: "integer", width: 12, value: (row) => row.items.complete },
  { header: "考评项目数", kind: "integer", width: 12, value: (row) => row.items.total },
  { header: "完成率", kind: "share", width: 10, value: (row) => row.items.share },
];

/** The title above the table, e.g. "2025 年度各单位报送及时性和完整性". */
export const timelinessTitle = (year: number) => `${year} 年度各单位报送及时性和完整性`;

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The Beijing wall-clock time of an instant as a Date whose UTC fields read it: Excel
 * dates carry no time zone, so a cell must hold the time a reader in Beijing expects.
 */
export const beijingWallClock = (iso: string) => new Date(Date.parse(iso) + BEIJING_OFFSET_MS);

/** An instant as Beijing time, "2026-03-09 14:05". */
export const beijingMinute = (iso: string) =>
  beijingWallClock(iso).toISOString().slice(0, 16).replace("T", " ");

/** A download's file name, with the plain-ASCII name for clients that cannot take it. */
export function timelinessFileName(report: TimelinessReport, extension: "csv" | "xlsx") {
  return {
    name: `${report.year}年度报送及时性和完整性.${extension}`,
    ascii: `timeliness-${report.year}.${extension}`,
  };
}

/** RFC 5987: percent-encode everything outside attr-char, which `encodeURIComponent` leaves four of. */
const encodeRfc5987 = (value: string) =>
  encodeURIComponent(value).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** `Content-Disposition` for a download: the Chinese name per RFC 5987, an ASCII fallback. */
export function downloadDisposition(file: { name: string; ascii: string }): string {
  return `attachment; filename="${file.ascii}"; filename*=UTF-8''${encodeRfc5987(file.name)}`;
}
