/** Column number (1-based) → letters: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = "";
  let rest = column;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

/** A1-style address, relative ("F12"). */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/** A1-style address, absolute ("$F$12"): formulas that are not filled down keep their meaning when copied. */
export function absoluteAddress(row: number, column: number): string {
  return `$${columnLetters(column)}$${row}`;
}

/** A reference to a cell of another sheet; the name is always quoted (Chinese names, spaces). */
export function sheetReference(sheet: string, row: number, column: number): string {
  return `'${sheet.replace(/'/g, "''")}'!${absoluteAddress(row, column)}`;
}
