import { roundHalfAwayFromZero } from "../scoring/round";

/**
 * Numbers and dates as a Chinese government office writes them in a report: scores with
 * four decimals, percentages with two, dates in Arabic numerals with 年月日, and the
 * Chinese ordinals of the heading levels of GB/T 9704-2012.
 */

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"] as const;

/** Fixed decimals, rounded half away from zero as the scorer rounds; never "-0.0000" or "NaN". */
export function fixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return "—";
  const rounded = roundHalfAwayFromZero(value, decimals);
  // A negative value that rounds to zero would print as "-0.00".
  return (rounded === 0 ? 0 : rounded).toFixed(decimals);
}

/** A score or a loss on the 0–1 scale: "0.9523". */
export function formatScore(value: number): string {
  return fixed(value, 4);
}

/** A share given as a fraction, written as a percentage: 0.9523 → "95.23%". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "—";
  return `${fixed(fraction * 100, 2)}%`;
}

/**
 * An indicator value or target: at most two decimals (four below 1, where two would hide
 * the figure), without trailing zeros, so "98.5" and "12" read as written.
 */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return "—";
  const decimals = Math.abs(value) < 1 ? 4 : 2;
  const text = fixed(value, decimals);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** "2026-03-08" → "2026年3月8日"; text that is not such a date is returned as given. */
export function chineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`;
}

/** 1 → "一", 10 → "十", 11 → "十一", 20 → "二十", 99 → "九十九"; beyond 99, Arabic numerals. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones === 0 ? "" : DIGITS[ones]}`;
}

/** The first heading level's number: "一、". */
export function headingOrdinal(n: number): string {
  return `${chineseNumber(n)}、`;
}

/** The second heading level's number: "（一）". */
export function subHeadingOrdinal(n: number): string {
  return `（${chineseNumber(n)}）`;
}
