import type { CycleRegion, DepartmentItems } from "../../../contract/api";
import {
  DATA_FORMAT,
  scoreYear,
  type Dataset,
  type Framework,
  type ScoreResult,
} from "../../../core";

/** Figures by data element, then region code (or `city`): the data document's `values`. */
export type FigureValues = Record<string, Record<string, number>>;
export type WorkAwards = Record<string, Record<string, number>>;

/**
 * The dataset the server would score, built straight from what the page holds: the
 * regions in the year's order (the order city sums are taken in), with population and
 * group only where set, exactly as the server's data document writes them. Only the
 * department's own figures and answers are there: an item's ratio and loss depend on its
 * own inputs and the framework's weights alone, so the department's numbers are exact.
 */
export function buildDataset(
  framework: Framework,
  year: number,
  regions: readonly CycleRegion[],
  values: FigureValues,
  work: WorkAwards,
): Dataset {
  const docRegions = regions.map((region) => ({
    code: region.code,
    name: region.name,
    ...(region.population === null ? {} : { population: region.population }),
    ...(region.group === null ? {} : { group: region.group }),
  }));
  return {
    doc: {
      format: DATA_FORMAT,
      framework: framework.doc.code,
      year,
      regions: docRegions,
      values,
      work,
    },
    regions: docRegions,
  };
}

/** The figures and work answers the items list holds (saved state, no drafts). */
export function savedInputs(items: DepartmentItems): { values: FigureValues; work: WorkAwards } {
  const values: FigureValues = {};
  for (const indicator of items.indicators) {
    for (const element of indicator.elements) {
      for (const saved of Object.values(element.values)) {
        (values[saved.element] ??= {})[saved.region] = saved.value;
      }
    }
  }
  const work: WorkAwards = {};
  for (const item of items.workItems) if (item.answer) work[item.code] = item.answer.awarded;
  return { values, work };
}

export interface DepartmentPoints {
  /** What the department's items are worth together (share of the composite). */
  worth: number;
  /** What they lose now: the score report's `departments[].loss`. */
  loss: number;
}

/** The department's worth (sum of its items' worth) and its loss. */
export function departmentPoints(
  items: readonly { code: string; department: string }[],
  worth: ReadonlyMap<string, number>,
  department: string,
  loss: number,
): DepartmentPoints {
  let total = 0;
  for (const item of items) if (item.department === department) total += worth.get(item.code) ?? 0;
  return { worth: total, loss };
}

export function scoreDepartment(
  framework: Framework,
  year: number,
  regions: readonly CycleRegion[],
  values: FigureValues,
  work: WorkAwards,
): ScoreResult {
  return scoreYear(framework, buildDataset(framework, year, regions, values, work));
}
