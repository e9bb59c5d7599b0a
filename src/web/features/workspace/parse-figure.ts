import { boundViolation, type ElementBounds, type Localized } from "../../../core";

export type ParsedFigure =
  { kind: "empty" } | { kind: "number"; value: number } | { kind: "invalid"; reason: Localized };

/** Full-width digits and marks a Chinese input method may produce, as their ASCII twins. */
function toAscii(text: string): string {
  return text
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[，]/g, ",")
    .replace(/[．。]/g, ".")
    .replace(/[－—−]/g, "-")
    .replace(/[＋]/g, "+");
}

/** Plain digits with one optional decimal point, or thousands grouped by commas (1,234.5). */
const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

const NOT_A_NUMBER: Localized = {
  zh: "请输入数字（可用千位分隔符，如 1,234.5）",
  en: "enter a number (thousands separators allowed, e.g. 1,234.5)",
};
const BAD_GROUPING: Localized = {
  zh: "千位分隔符位置不对（应为 1,234,567.8）",
  en: "the thousands separators are misplaced (write 1,234,567.8)",
};
const TOO_LARGE: Localized = { zh: "数值过大", en: "the number is too large" };

/**
 * What a clerk typed into a figure cell. Accepted: digits with an optional sign and
 * decimal point, thousands separators in the right places ("1,234.5"), full-width
 * digits and punctuation from a Chinese input method, surrounding spaces. Refused, with
 * a reason: any other text (units, "%", letters, scientific notation), misplaced
 * separators, a number beyond the largest double, and a figure outside the element's
 * min/max (the core's own bound check, the one the server applies).
 */
export function parseFigure(text: string, bounds: ElementBounds = {}): ParsedFigure {
  const trimmed = toAscii(text).trim();
  if (trimmed === "") return { kind: "empty" };
  if (!PLAIN.test(trimmed)) {
    const looksGrouped = /^[+-]?[\d,]+(\.\d*)?$/.test(trimmed) && trimmed.includes(",");
    if (!looksGrouped) return { kind: "invalid", reason: NOT_A_NUMBER };
    if (!GROUPED.test(trimmed)) return { kind: "invalid", reason: BAD_GROUPING };
  }
  const value = Number(trimmed.replace(/,/g, ""));
  if (!Number.isFinite(value)) return { kind: "invalid", reason: TOO_LARGE };
  // -0 is stored and shown as 0.
  const figure = value + 0;
  const outside = boundViolation(bounds, figure);
  if (outside) return { kind: "invalid", reason: outside };
  return { kind: "number", value: figure };
}
