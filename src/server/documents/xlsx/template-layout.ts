import type { Framework, Region } from "../../../core/model";
import { CITY } from "../../../core/formats/check-data";
import { cellAddress } from "./cell-address";
import { indicatorSheetLayout } from "./indicator-sheet-layout";
import { WORK_COLUMNS, workSheetLayout } from "./work-sheet-layout";

export const INDICATOR_SHEET = "指标考评表";
export const WORK_SHEET = "工作测评表";
export const SUMMARY_SHEET = "得分汇总";
/** Very hidden (not listed by 取消隐藏); A1 holds the template stamp text verbatim. */
export const STAMP_SHEET = "_kaoping";

export type TemplateTarget =
  /** `region` is a region code, or "city" for the 全市 input. */
  | { kind: "value"; element: string; region: string }
  | { kind: "work"; item: string; criterion: string; max: number };

export interface TemplateInputCell {
  sheet: string;
  address: string;
  target: TemplateTarget;
}

/**
 * Every input cell of a department's template, in sheet order (row by row, left to
 * right), deterministic from the framework and the regions: the same cells the
 * workbook unlocks, so the import reads exactly what the template let a user type.
 */
export function templateInputCells(
  framework: Framework,
  regions: readonly Region[],
  department: string,
): TemplateInputCell[] {
  const cells: TemplateInputCell[] = [];
  const indicators = indicatorSheetLayout(framework, regions, department);
  for (const { code, row } of indicators.elements) {
    regions.forEach((region, index) => {
      cells.push({
        sheet: INDICATOR_SHEET,
        address: cellAddress(row, indicators.regionColumn(index)),
        target: { kind: "value", element: code, region: region.code },
      });
    });
    cells.push({
      sheet: INDICATOR_SHEET,
      address: cellAddress(row, indicators.cityInputColumn),
      target: { kind: "value", element: code, region: CITY },
    });
  }
  for (const group of workSheetLayout(framework, department).groups) {
    for (const { item, criteria } of group.items) {
      for (const criterion of criteria) {
        cells.push({
          sheet: WORK_SHEET,
          address: cellAddress(criterion.row, WORK_COLUMNS.awarded),
          target: {
            kind: "work",
            item: item.code,
            criterion: criterion.code,
            max: criterion.points,
          },
        });
      }
    }
  }
  return cells;
}
