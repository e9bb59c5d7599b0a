import type { Dataset, Framework } from "../../../core/model";

/** What every sheet of the tables is written from. */
export interface TableContext {
  framework: Framework;
  dataset: Dataset;
  /** Null: the city's workbook, every department. */
  department: { code: string; name: string } | null;
  /** "惠州市2025年度基本公共服务均等化绩效考评", the start of every sheet's title. */
  titlePrefix: string;
  /** 填报单位: the department, or the city. */
  unit: string;
  /** The date as printed: 2026年3月8日. */
  date: string;
  illustrative: boolean;
}

/** A sheet's full title; demo figures say so in it. */
export function sheetTitle(context: TableContext, table: string): string {
  return `${context.titlePrefix} ${table}${context.illustrative ? "（示例数据）" : ""}`;
}

export function departmentName(context: TableContext, code: string): string {
  return (
    context.framework.doc.departments.find((department) => department.code === code)?.name ?? code
  );
}

/** A figure from the data file, own keys only (a region coded `constructor` reads nothing). */
export function givenValue(dataset: Dataset, element: string, region: string): number | undefined {
  const values = dataset.doc.values;
  const byRegion = Object.hasOwn(values, element) ? values[element] : undefined;
  return byRegion !== undefined && Object.hasOwn(byRegion, region) ? byRegion[region] : undefined;
}

/** Points awarded for a criterion, own keys only. */
export function givenAward(dataset: Dataset, item: string, criterion: string): number | undefined {
  const work = dataset.doc.work;
  const awarded = Object.hasOwn(work, item) ? work[item] : undefined;
  return awarded !== undefined && Object.hasOwn(awarded, criterion)
    ? awarded[criterion]
    : undefined;
}
