import type { DepartmentItems } from "../../../contract/api";
import type { ScoreReport } from "../../../contract/score-report";

/** What the review page's tables and the item drawer read. */
export interface ReviewData {
  year: number;
  previousYear: number | null;
  items: DepartmentItems;
  /** The department's items last year; undefined when there is no such year or it failed. */
  previous: DepartmentItems | undefined;
  report: ScoreReport | undefined;
  /** Each item's share of the composite score (item-shares.ts). */
  shares: Map<string, number>;
}

/** Where one item's details open, under the department's review page. */
export function itemPath(department: string, kind: "indicator" | "workItem", code: string): string {
  return `/office/departments/${encodeURIComponent(department)}/items/${kind}/${encodeURIComponent(code)}`;
}
