/**
 * The workspace's number shapes on top of the app's shared formatters: figures keep up
 * to six decimals (as typed), indicator values four, and points are out of 100 with two
 * decimals (a composite share × 100).
 */
import { formatNumber } from "../../shared/format";

export { formatPercent } from "../../shared/format";

/** A figure as typed or stored: grouped, up to 6 decimals; "—" for none. */
export function formatFigure(value: number | null | undefined, decimals = 6): string {
  return formatNumber(value, decimals);
}

/** An indicator value: grouped, up to 4 decimals. */
export function formatIndicatorValue(value: number | null | undefined): string {
  return formatNumber(value, 4);
}

/** A share of the composite score as points out of 100, two decimals; tiny losses read "< 0.01". */
export function formatPoints(share: number): string {
  const points = share * 100;
  if (points > 0 && points < 0.005) return "< 0.01";
  const text = points.toFixed(2);
  return text === "-0.00" ? "0.00" : text;
}
