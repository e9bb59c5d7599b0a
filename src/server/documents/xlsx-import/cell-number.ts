import type { CellValue } from "exceljs";
import { localized, type Localized } from "../../../core";

/** What an input cell holds: nothing, a number, or why it is not one. */
export type CellReading =
  { kind: "empty" } | { kind: "number"; value: number } | { kind: "refused"; problem: Localized };

export const FORMULA_REFUSED = localized("是公式，请填写数值", "holds a formula; enter a number");
export const NOT_A_NUMBER = localized("不是数字", "is not a number");

/**
 * Text that is a number as a Chinese office types it. Full-width digits, signs and
 * points (１２３．５, from a Chinese input method) are read as their ASCII forms by NFKC;
 * thousands separators are accepted only in groups of three (1,234,567.5), so "1,2"
 * (a decimal comma, or a typo) is refused rather than guessed. No units, no percent
 * signs, no exponents: a figure is entered as the number the framework asks for.
 */
const NUMBER_TEXT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

function numberFromText(text: string): CellReading {
  const normalized = text.normalize("NFKC").replace(/\s+/g, "").replace(/，/g, ",");
  if (normalized === "") return { kind: "empty" };
  if (!NUMBER_TEXT.test(normalized)) return { kind: "refused", problem: NOT_A_NUMBER };
  return finite(Number(normalized.replace(/,/g, "")));
}

function finite(value: number): CellReading {
  if (!Number.isFinite(value)) {
    return {
      kind: "refused",
      problem: localized("不是有限的数字", "is not a finite number"),
    };
  }
  // -0 and 0 are one figure.
  return { kind: "number", value: value === 0 ? 0 : value };
}

const hasOwn = (value: object, key: string) => Object.hasOwn(value, key);

/**
 * One input cell's value as ExcelJS reads it. A formula is refused even when it has a
 * cached result: the figure must be what the clerk entered, not what a formula said
 * the last time some program computed it. Dates, booleans and error values are not
 * numbers; rich text is read as its plain text.
 */
export function readCellNumber(value: CellValue): CellReading {
  if (value === null || value === undefined) return { kind: "empty" };
  if (typeof value === "number") return finite(value);
  if (typeof value === "string") return numberFromText(value);
  if (typeof value === "boolean" || value instanceof Date) {
    return { kind: "refused", problem: NOT_A_NUMBER };
  }
  if (typeof value !== "object") return { kind: "refused", problem: NOT_A_NUMBER };
  if (hasOwn(value, "formula") || hasOwn(value, "sharedFormula")) {
    return { kind: "refused", problem: FORMULA_REFUSED };
  }
  if (hasOwn(value, "richText") && Array.isArray((value as { richText: unknown }).richText)) {
    const runs = (value as { richText: { text?: unknown }[] }).richText;
    return numberFromText(
      runs.map((run) => (typeof run.text === "string" ? run.text : "")).join(""),
    );
  }
  if (hasOwn(value, "text") && typeof (value as { text: unknown }).text === "string") {
    // A hyperlink's shown text.
    return numberFromText((value as { text: string }).text);
  }
  return { kind: "refused", problem: NOT_A_NUMBER };
}
