/**
 * How numbers and dates read on every screen: scores and losses with four decimals (the
 * spec's rounding of the score), shares as percentages with one decimal, figures with a
 * thousands separator, dates as Chinese users write them (2026年3月10日) or ISO in English.
 * Pure functions: the language is passed in, so the same call gives the same text.
 */
import dayjs from "dayjs";

export type FormatLanguage = "zh" | "en";

/** Shown where there is no number (a figure not entered, a measure that does not apply). */
export const NO_VALUE = "—";

/** The i18next language ("zh-CN", "en", …) as the formatters' language. */
export function formatLanguage(language: string | undefined): FormatLanguage {
  return language?.startsWith("en") ? "en" : "zh";
}

/** A score, a ratio of the composite or a loss: exactly four decimals, as the API rounds. */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  // -0.0000 reads as a sign error to an evaluator; a loss is never below zero.
  const text = value.toFixed(4);
  return text === "-0.0000" ? "0.0000" : text;
}

/** A share in [0, 1] as a percentage: 0.95 → "95.0%". */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const text = (value * 100).toFixed(digits);
  return `${/^-0(\.0*)?$/.test(text) ? text.slice(1) : text}%`;
}

/** A figure with thousands separators and at most `maxDigits` decimals: 1558793 → "1,558,793". */
export function formatNumber(value: number | null | undefined, maxDigits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const text = value.toLocaleString("en-US", {
    maximumFractionDigits: maxDigits,
    useGrouping: true,
  });
  return text === "-0" ? "0" : text;
}

/**
 * A spread measure (cv, Theil, Gini): four decimals, but a tiny non-zero value keeps its
 * size in scientific notation rather than reading as 0.0000 (a Theil of 3.4e-7 is common).
 */
export function formatMeasure(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  if (value !== 0 && Math.abs(value) < 0.00005) return value.toExponential(2);
  return formatScore(value);
}

/** A calendar date: "2026年3月10日" in Chinese, "2026-03-10" in English. */
export function formatDate(value: string | Date | null | undefined, lang: FormatLanguage): string {
  if (value === null || value === undefined || value === "") return NO_VALUE;
  const date = dayjs(value);
  if (!date.isValid()) return NO_VALUE;
  return date.format(lang === "zh" ? "YYYY年M月D日" : "YYYY-MM-DD");
}

/** A moment (last activity): the date plus hours and minutes in local time. */
export function formatDateTime(
  value: string | Date | null | undefined,
  lang: FormatLanguage,
): string {
  if (value === null || value === undefined || value === "") return NO_VALUE;
  const date = dayjs(value);
  if (!date.isValid()) return NO_VALUE;
  return `${formatDate(value, lang)} ${date.format("HH:mm")}`;
}

/** A figure with its unit: "%" and "‰" stick to the number, other units follow a space. */
export function formatWithUnit(
  value: number | null | undefined,
  unit: string | null | undefined,
  maxDigits = 4,
): string {
  const figure = formatNumber(value, maxDigits);
  if (!unit || figure === NO_VALUE) return figure;
  return unit === "%" || unit === "‰" ? `${figure}${unit}` : `${figure} ${unit}`;
}
