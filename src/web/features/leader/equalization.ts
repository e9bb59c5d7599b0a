/** Pure helpers of the equalization panel. */
import type { ScoreReport } from "../../../contract/score-report";

type Outcome = ScoreReport["indicators"][number];

/** Indicators with a spread to show: values in at least two regions (spec §4). */
export function comparableIndicators(report: ScoreReport): Outcome[] {
  return report.indicators.filter(
    (indicator) => indicator.equalization && Object.keys(indicator.regions).length >= 2,
  );
}
