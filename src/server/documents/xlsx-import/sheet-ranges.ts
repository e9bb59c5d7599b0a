/**
 * Cell references and ranges as they appear in a workbook's XML ("B7", "$A$1:$H$40"),
 * reduced to the farthest row and column they reach and their area.
 *
 * Only references with both a column and a row count: ExcelJS visits every cell of such
 * a range when it loads merged cells, validations and defined names, while ranges like
 * "A:A" or "3:5" leave it nothing to iterate. Any number of letters or digits is read,
 * so "A1:A99999999999" is seen for the range it is rather than skipped.
 */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLUMNS = 16_384;

export interface RangeReach {
  lastRow: number;
  lastColumn: number;
  /** Cells covered. */
  area: number;
}

const CELL = /^\$?([A-Za-z]+)\$?([0-9]+)$/;

/** "A" → 1, "AA" → 27; past Excel's last column, one more than it (no overflow). */
export function columnNumber(letters: string): number {
  if (letters.length > 3) return EXCEL_COLUMNS + 1;
  let number = 0;
  for (const letter of letters.toUpperCase()) number = number * 26 + (letter.charCodeAt(0) - 64);
  return number;
}

const rowNumber = (digits: string) =>
  digits.length > 7 ? EXCEL_ROWS + 1 : Math.min(Number(digits), EXCEL_ROWS + 1);

interface Corner {
  row: number;
  column: number;
}

function corner(text: string): Corner | undefined {
  const match = CELL.exec(text);
  if (!match) return undefined;
  return { column: columnNumber(match[1]!), row: rowNumber(match[2]!) };
}

/** The reach of one reference or range, without a sheet name; undefined if it is not one. */
export function rangeReach(reference: string): RangeReach | undefined {
  const [first, second, ...rest] = reference.split(":");
  if (rest.length > 0 || first === undefined) return undefined;
  const a = corner(first);
  const b = second === undefined ? a : corner(second);
  if (!a || !b) return undefined;
  const top = Math.min(a.row, b.row);
  const bottom = Math.max(a.row, b.row);
  const left = Math.min(a.column, b.column);
  const right = Math.max(a.column, b.column);
  return {
    lastRow: bottom,
    lastColumn: right,
    area: (bottom - top + 1) * (right - left + 1),
  };
}

/**
 * The references of a list such as a `sqref` ("A1 B2:C9") or a defined name's formula
 * ("'指标考评表'!$A$1:$H$40,'指标考评表'!$J$1"): sheet names are dropped; pieces that
 * are not references (functions, constants) are skipped.
 */
export function referencesIn(text: string): RangeReach[] {
  const reaches: RangeReach[] = [];
  for (const piece of text.split(/[\s,]+/)) {
    const bang = piece.lastIndexOf("!");
    const reference = (bang >= 0 ? piece.slice(bang + 1) : piece).replace(/^\(+|\)+$/g, "");
    const reach = reference ? rangeReach(reference) : undefined;
    if (reach) reaches.push(reach);
  }
  return reaches;
}
