import type { TimelinessReport } from "../../contract/api";
import { beijingMinute, TIMELINESS_COLUMNS, type TimelinessColumn } from "./timeliness.presenter";

/** The byte order mark: without it Excel reads a UTF-8 CSV as the local code page. */
const BOM = "\uFEFF";
const CRLF = "\r\n";

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection
 * list: = + - @, and tab and carriage return, which some programs skip before them).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: text that would start a formula gets a leading apostrophe, so Excel
 * shows it as text; a cell holding a comma, a quote or a line break is quoted, its
 * quotes doubled (RFC 4180).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A share as the percentage a reader expects, "85.0%". */
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function cellOf(column: TimelinessColumn, value: string | number | null): string | number | null {
  if (value === null) return null;
  if (column.kind === "instant") return beijingMinute(String(value));
  if (column.kind === "share") return percent(Number(value));
  return value;
}

/** The report as CSV: UTF-8 with a BOM, CRLF line ends, Chinese headers, Beijing times. */
export function timelinessCsv(report: TimelinessReport): string {
  const lines = [TIMELINESS_COLUMNS.map((column) => csvCell(column.header)).join(",")];
  for (const row of report.departments) {
    lines.push(
      TIMELINESS_COLUMNS.map((column) => csvCell(cellOf(column, column.value(row)))).join(","),
    );
  }
  return BOM + lines.join(CRLF) + CRLF;
}
