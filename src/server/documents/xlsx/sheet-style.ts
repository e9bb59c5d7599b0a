import type { Borders, Cell, Worksheet } from "exceljs";
import { columnLetters } from "./cell-address";

/*
 * The look every sheet of the tables shares: a bold centred title, the 填报单位 and date
 * line, grey bold headers, thin borders, A4 landscape fitted to the page width with the
 * header rows repeated on every printed page and "第 N 页，共 M 页" in the footer.
 */

const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const ALL_THIN: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Number formats as a Chinese office reads them. */
export const FORMATS = {
  /** Ratios and scores: four decimals (0.9523). */
  score: "0.0000",
  /** Indicator values: two decimals, up to four when they matter (0.0345). */
  value: "#,##0.00##",
} as const;

/** "2026-03-08" → "2026年3月8日". */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

export interface SheetHeading {
  title: string;
  unit: string;
  date: string;
  lastColumn: number;
}

/** Row 1: the title across the table; row 2: 填报单位 on the left, the date on the right. */
export function writeHeading(sheet: Worksheet, heading: SheetHeading): void {
  const title = sheet.getCell(1, 1);
  title.value = heading.title;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  sheet.getRow(1).height = 30;
  sheet.mergeCells(1, 1, 1, heading.lastColumn);

  const split = Math.max(2, Math.ceil(heading.lastColumn / 2));
  const unit = sheet.getCell(2, 1);
  unit.value = `填报单位：${heading.unit}`;
  unit.alignment = { horizontal: "left", vertical: "middle" };
  sheet.mergeCells(2, 1, 2, split);
  const date = sheet.getCell(2, split + 1);
  date.value = `日期：${heading.date}`;
  date.alignment = { horizontal: "right", vertical: "middle" };
  if (heading.lastColumn > split + 1) sheet.mergeCells(2, split + 1, 2, heading.lastColumn);
}

/** Display width in character units: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += character.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return width;
}

const LINE_HEIGHT = 15;

/**
 * Row heights for wrapped text. Spreadsheets grow a row to its wrapped text only when
 * they lay it out themselves; LibreOffice printing a file as written, and Excel before
 * an edit, keep the default height and let long names overlap. So the lines each row
 * needs are estimated here from the column widths.
 */
export function fitRowHeights(
  sheet: Worksheet,
  fromRow: number,
  toRow: number,
  lastColumn: number,
): void {
  for (let row = fromRow; row <= toRow; row++) {
    let lines = 1;
    for (let column = 1; column <= lastColumn; column++) {
      const value = sheet.getCell(row, column).value;
      if (typeof value !== "string") continue;
      // A little less than the width: lines break at word and code boundaries, not anywhere.
      const width = Math.max(1, ((sheet.getColumn(column).width ?? 9) - 1) * 0.85);
      lines = Math.max(lines, Math.ceil(displayWidth(value) / width));
    }
    if (lines > 1) sheet.getRow(row).height = LINE_HEIGHT * lines + 3;
  }
}

/** A header row: bold on grey, centred, wrapped, bordered. */
export function writeHeaderRow(sheet: Worksheet, row: number, titles: readonly string[]): void {
  titles.forEach((text, index) => {
    const cell = sheet.getCell(row, index + 1);
    cell.value = text;
    styleHeaderCell(cell);
  });
}

export function styleHeaderCell(cell: Cell): void {
  cell.font = { bold: true };
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
  cell.border = ALL_THIN;
}

/** Thin borders around every cell of a block, and text wrapped to the column width. */
export function borderBlock(
  sheet: Worksheet,
  fromRow: number,
  toRow: number,
  lastColumn: number,
): void {
  for (let row = fromRow; row <= toRow; row++) {
    for (let column = 1; column <= lastColumn; column++) {
      const cell = sheet.getCell(row, column);
      cell.border = ALL_THIN;
      cell.alignment = { vertical: "middle", wrapText: true, ...cell.alignment };
    }
  }
}

/** A subtotal row in bold on a light fill. */
export function emphasizeRow(sheet: Worksheet, row: number, lastColumn: number): void {
  for (let column = 1; column <= lastColumn; column++) {
    const cell = sheet.getCell(row, column);
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
  }
}

export interface PrintSetup {
  lastRow: number;
  lastColumn: number;
  /** Rows repeated at the top of every printed page, e.g. "1:3". */
  titleRows: string;
  headerText: string;
  illustrative: boolean;
}

/** A4 landscape, one page wide, print titles, page header and "第 &P 页，共 &N 页". */
export function setUpPrinting(sheet: Worksheet, setup: PrintSetup): void {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: setup.titleRows,
    printArea: `A1:${columnLetters(setup.lastColumn)}${setup.lastRow}`,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  const marker = setup.illustrative ? "&L示例数据，不是真实统计数" : "";
  sheet.headerFooter = {
    oddHeader: `${marker}&C${escapeHeaderText(setup.headerText)}`,
    oddFooter: "&C第 &P 页，共 &N 页",
  };
}

/** "&" starts a code in page headers; a literal one is written "&&". */
function escapeHeaderText(text: string): string {
  return text.replace(/&/g, "&&");
}
