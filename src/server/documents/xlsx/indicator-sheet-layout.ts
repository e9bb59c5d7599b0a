import type { Framework, Indicator, Part, Region } from "../../../core/model";

/*
 * Where everything sits on 指标考评表. The geometry depends only on the framework, the
 * year's regions and the department, never on the figures: the fill-in template and the
 * import of a filled copy must agree on every input cell's address.
 *
 * Rows: title, 填报单位/日期, the header of the data block, the populations used as
 * weights, one row per data element; a blank row; the header of the indicator block,
 * then per indicator part its indicators and a subtotal row.
 */
export const TITLE_ROW = 1;
export const UNIT_ROW = 2;
export const ELEMENT_HEADER_ROW = 3;
export const POPULATION_ROW = 4;
const FIRST_ELEMENT_ROW = 5;

/** Data block: 序号, 代码, 名称, 计量单位, 汇总方式, then one input column per region. */
export const ELEMENT_COLUMNS = { index: 1, code: 2, name: 3, unit: 4, aggregation: 5 } as const;
const FIRST_REGION_COLUMN = 6;

/** Indicator block; region columns (cv rules only) follow the fixed ones. */
export const INDICATOR_COLUMNS = {
  index: 1,
  code: 2,
  name: 3,
  unit: 4,
  weight: 5,
  formula: 6,
  rule: 7,
  value: 8,
  ratio: 9,
  points: 10,
  loss: 11,
  department: 12,
} as const;
const FIRST_INDICATOR_REGION_COLUMN = 13;

export interface IndicatorRow {
  indicator: Indicator;
  row: number;
}

export interface IndicatorGroup {
  part: Part;
  rows: IndicatorRow[];
  subtotalRow: number;
}

export interface IndicatorSheetLayout {
  regions: readonly Region[];
  /** Data elements read by the indicators shown, in the framework's element order. */
  elements: { code: string; row: number }[];
  elementRow: Map<string, number>;
  /** Input column of the region at this index of `regions`. */
  regionColumn(index: number): number;
  /** Input column of a city-wide figure (全市填报数), which wins over the aggregation. */
  cityInputColumn: number;
  /** The computed city figure (全市数): the city input when filled, else the aggregation. */
  cityValueColumn: number;
  indicatorHeaderRow: number;
  groups: IndicatorGroup[];
  /** Per-region indicator value of a cv rule, region at this index. */
  indicatorRegionColumn(index: number): number;
  /** Weighted mean of a cv rule's region values, the helper its cv divides by. */
  indicatorMeanColumn: number;
  lastRow: number;
  lastColumn: number;
}

/** The indicators a workbook shows: a department's own, or all of them for the city. */
export function indicatorsInScope(framework: Framework, department: string | null): Indicator[] {
  return framework.indicators.filter(
    (indicator) => department === null || indicator.department === department,
  );
}

export function indicatorSheetLayout(
  framework: Framework,
  regions: readonly Region[],
  department: string | null,
): IndicatorSheetLayout {
  const indicators = indicatorsInScope(framework, department);
  const read = new Set(indicators.flatMap((indicator) => indicator.compiled.inputs));
  const elements = [...framework.elements.keys()]
    .filter((code) => read.has(code))
    .map((code, index) => ({ code, row: FIRST_ELEMENT_ROW + index }));

  const indicatorHeaderRow = FIRST_ELEMENT_ROW + elements.length + 1;
  let row = indicatorHeaderRow + 1;
  const groups: IndicatorGroup[] = [];
  for (const part of framework.parts) {
    const members = indicators.filter((indicator) => indicator.partCode === part.code);
    if (members.length === 0) continue;
    const rows = members.map((indicator) => ({ indicator, row: row++ }));
    groups.push({ part, rows, subtotalRow: row++ });
  }

  const cityInputColumn = FIRST_REGION_COLUMN + regions.length;
  const indicatorMeanColumn = FIRST_INDICATOR_REGION_COLUMN + regions.length;
  const hasCv = indicators.some((indicator) => indicator.rule.type === "cv");
  return {
    regions,
    elements,
    elementRow: new Map(elements.map((element) => [element.code, element.row])),
    regionColumn: (index) => FIRST_REGION_COLUMN + index,
    cityInputColumn,
    cityValueColumn: cityInputColumn + 1,
    indicatorHeaderRow,
    groups,
    indicatorRegionColumn: (index) => FIRST_INDICATOR_REGION_COLUMN + index,
    indicatorMeanColumn,
    lastRow: row - 1,
    lastColumn: Math.max(
      cityInputColumn + 1,
      hasCv ? indicatorMeanColumn : INDICATOR_COLUMNS.department,
    ),
  };
}
