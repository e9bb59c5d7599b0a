import type { CycleRegion } from "../../../contract/api";
import {
  scoreYear,
  type Framework,
  type Indicator,
  type IndicatorResult,
  type WorkItemResult,
} from "../../../core";
import { collectElementValues } from "../../../core/scoring/element-values";
import { scoreIndicator } from "../../../core/scoring/score-indicators";
import { buildDataset, type FigureValues, type WorkAwards } from "./live-score";

export interface DepartmentScore {
  /** Every indicator of the framework (other departments' without their figures). */
  indicators: IndicatorResult[];
  workItems: WorkItemResult[];
  /** The department's loss: the score report's `departments[].loss`. */
  loss: number;
}

/**
 * The department's score, re-scored as the user types, in well under a keystroke's
 * time even on a large department: the core's own functions, but only for what changed.
 *
 * The first score, and any change of a work answer, runs the core's scoreYear. After
 * that, a changed figure re-scores only the indicators that read it, with the core's
 * scoreIndicator, and gives each its loss as scoreYear does: (W_p/ΣW × w_i/Σw) × (1 − r),
 * where the first factor is the indicator's loss at r = 0, read once from scoreYear on
 * empty data — the same floating-point products, so the numbers equal the server's bit
 * for bit (unit-tested against scoreYear). The department's loss is summed in
 * scoreYear's order: its indicators, then its work items.
 */
export class IncrementalScorer {
  /** What each item is worth: its loss when it earns nothing (share of the composite). */
  readonly worth = new Map<string, number>();
  private readonly mine: Indicator[];
  private readonly signatures = new Map<string, string>();
  private last: DepartmentScore | null = null;
  private lastWork: WorkAwards | null = null;

  constructor(
    private readonly framework: Framework,
    private readonly year: number,
    private readonly regions: readonly CycleRegion[],
    private readonly department: string,
  ) {
    const empty = scoreYear(framework, buildDataset(framework, year, regions, {}, {}));
    for (const item of [...empty.indicators, ...empty.workItems])
      this.worth.set(item.code, item.loss);
    this.mine = framework.indicators.filter((indicator) => indicator.department === department);
  }

  private signature(indicator: Indicator, values: FigureValues): string {
    return indicator.compiled.inputs
      .map((code) => (values[code] ? JSON.stringify(values[code]) : ""))
      .join("|");
  }

  score(values: FigureValues, work: WorkAwards): DepartmentScore {
    const dataset = buildDataset(this.framework, this.year, this.regions, values, work);
    if (this.last === null || work !== this.lastWork) {
      const full = scoreYear(this.framework, dataset);
      this.lastWork = work;
      for (const indicator of this.mine)
        this.signatures.set(indicator.code, this.signature(indicator, values));
      this.last = {
        indicators: full.indicators,
        workItems: full.workItems,
        loss: full.departments.find((entry) => entry.code === this.department)?.loss ?? 0,
      };
      return this.last;
    }
    const changed = this.mine.filter(
      (indicator) => this.signatures.get(indicator.code) !== this.signature(indicator, values),
    );
    if (changed.length === 0) return this.last;
    const elementValues = collectElementValues(this.framework, dataset);
    const rescored = new Map<string, IndicatorResult>();
    for (const indicator of changed) {
      const result = scoreIndicator(indicator, elementValues, dataset);
      result.loss = this.worth.get(indicator.code)! * (1 - result.ratio);
      rescored.set(indicator.code, result);
      this.signatures.set(indicator.code, this.signature(indicator, values));
    }
    const indicators = this.last.indicators.map((result) => rescored.get(result.code) ?? result);
    let loss = 0;
    for (const item of [...indicators, ...this.last.workItems]) {
      if (item.department === this.department) loss += item.loss;
    }
    this.last = { indicators, workItems: this.last.workItems, loss };
    return this.last;
  }
}
