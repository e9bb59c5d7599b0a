import type {
  CycleDetail,
  CycleRegion,
  CycleSummary,
  DepartmentIndicator,
  DepartmentWorkItem,
  Evidence,
  ItemElement,
  SavedValue,
  WorkAnswer,
} from "../../contract/api";
import type { Indicator, IndicatorResult, WorkItem } from "../../core";
import type { DataElement } from "../../core/formats/framework-schema";
import type { CyclesTable, FrameworksTable } from "../db/schema";
import type { CycleRegion as PinnedCycleRegion } from "./load-cycle";

type CycleHeader = Pick<CyclesTable, "year" | "status" | "departments_due" | "province_due">;
type FrameworkHeader = Pick<FrameworksTable, "code" | "name" | "version">;

export const presentCycleSummary = (
  cycle: CycleHeader,
  framework: FrameworkHeader,
): CycleSummary => ({
  year: cycle.year,
  status: cycle.status,
  // PostgreSQL may hand an integer column back as text.
  framework: { code: framework.code, name: framework.name, version: Number(framework.version) },
  departmentsDue: cycle.departments_due,
  provinceDue: cycle.province_due,
});

export const presentRegion = (region: PinnedCycleRegion): CycleRegion => ({
  code: region.code,
  name: region.name,
  population: region.population,
  group: region.group,
});

export const presentCycleDetail = (
  summary: CycleSummary,
  regions: PinnedCycleRegion[],
): CycleDetail => ({ ...summary, regions: regions.map(presentRegion) });

/** A data element an indicator reads, with the figures entered and the evidence filed. */
export const presentItemElement = (
  element: DataElement,
  values: Record<string, SavedValue>,
  evidence: Evidence[],
): ItemElement => ({
  code: element.code,
  name: element.name,
  unit: element.unit ?? null,
  aggregation: element.aggregation,
  values,
  evidence,
});

/** One row of a department's indicator table: the definition, its elements and its result. */
export const presentDepartmentIndicator = (
  indicator: Indicator,
  result: IndicatorResult,
  elements: ItemElement[],
  evidence: Evidence[],
): DepartmentIndicator => ({
  code: indicator.code,
  name: indicator.name,
  domain: indicator.domain,
  department: indicator.department,
  unit: indicator.unit ?? null,
  weight: indicator.weight,
  formula: indicator.formula,
  rule: indicator.rule,
  evidenceRequired: indicator.evidence ?? [],
  status: result.status,
  value: result.value,
  ratio: result.ratio,
  loss: result.loss,
  elements,
  evidence,
});

/** One row of a department's work table: the criteria, the answer and the points earned. */
export const presentDepartmentWorkItem = (
  item: WorkItem,
  answer: WorkAnswer | null,
  evidence: Evidence[],
): DepartmentWorkItem => ({
  code: item.code,
  name: item.name,
  domain: item.domain,
  department: item.department,
  points: item.points,
  criteria: item.criteria,
  answer,
  earned: answer ? Object.values(answer.awarded).reduce((sum, points) => sum + points, 0) : 0,
  evidence,
});
