import type { TimelinessReport } from "../../contract/api";
import {
  beijingWallClock,
  TIMELINESS_COLUMNS,
  timelinessTitle,
  type ColumnKind,
} from "./timeliness.presenter";

/** The sheet's name, as the office files it. */
export const TIMELINESS_SHEET = "报送及时性";

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  instant: "yyyy-mm-dd hh:mm",
  share: "0.0%",
  integer: "0",
};

/**
 * The report as an Excel workbook: one sheet with a title row, a bold frozen header
 * row with a filter, column widths for Chinese text, the first submission as a real
 * Excel date in Beijing time and the share complete as a percentage number. exceljs is
 * loaded on the first download only: the server starts without it.
 */
export async function timelinessXlsx(report: TimelinessReport, now: Date): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kaoping";
  workbook.created = now;
  workbook.modified = now;
  const sheet = workbook.addWorksheet(TIMELINESS_SHEET, {
    views: [{ state: "frozen", ySplit: 2 }],
  });
  const columns = TIMELINESS_COLUMNS.length;
  sheet.columns = TIMELINESS_COLUMNS.map((column) => ({
    width: column.width,
    style: NUMBER_FORMATS[column.kind] ? { numFmt: NUMBER_FORMATS[column.kind]! } : {},
  }));

  const title = sheet.getRow(1);
  title.getCell(1).value = timelinessTitle(report.year);
  title.getCell(1).font = { bold: true, size: 14 };
  title.height = 24;
  sheet.mergeCells(1, 1, 1, columns);

  const header = sheet.getRow(2);
  TIMELINESS_COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.alignment = { vertical: "middle", horizontal: "center" };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
  });
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns } };

  report.departments.forEach((department, rowIndex) => {
    const row = sheet.getRow(rowIndex + 3);
    TIMELINESS_COLUMNS.forEach((column, index) => {
      const value = column.value(department);
      if (value === null) return;
      row.getCell(index + 1).value =
        column.kind === "instant" ? beijingWallClock(String(value)) : value;
    });
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
