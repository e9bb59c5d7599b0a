import type { Workbook, Worksheet } from "exceljs";
import {
  NOT_COMPUTABLE,
  cityValueFormula,
  coefficientOfVariationFormula,
  guardedValueFormula,
  regionalMeanFormula,
  ruleRatioFormula,
  type RegionSpreadCells,
} from "../../../core/documents/excel-formula";
import type { Indicator } from "../../../core/model";
import { CITY } from "../../../core/formats/check-data";
import { absoluteAddress, cellAddress } from "./cell-address";
import {
  ELEMENT_COLUMNS,
  ELEMENT_HEADER_ROW,
  INDICATOR_COLUMNS,
  POPULATION_ROW,
  UNIT_ROW,
  indicatorSheetLayout,
  type IndicatorGroup,
  type IndicatorSheetLayout,
} from "./indicator-sheet-layout";
import { aggregationText, ruleText } from "./rule-text";
import {
  FORMATS,
  borderBlock,
  emphasizeRow,
  fitRowHeights,
  setUpPrinting,
  styleHeaderCell,
  writeHeaderRow,
  writeHeading,
} from "./sheet-style";
import { departmentName, givenValue, sheetTitle, type TableContext } from "./table-context";
import { INDICATOR_SHEET } from "./template-layout";

const ELEMENT_HEADERS = ["序号", "数据代码", "数据项名称", "计量单位", "汇总方式"];
const INDICATOR_HEADERS = [
  "序号",
  "指标代码",
  "指标名称",
  "计量单位",
  "权重",
  "计算公式",
  "评分标准",
  "指标值",
  "得分率",
  "得分",
  "失分",
  "责任单位",
];

function setColumnWidths(sheet: Worksheet, layout: IndicatorSheetLayout): void {
  // Shared by both blocks: column F holds the first region's figure and the formula text.
  const widths = [5, 13, 22, 8, 9, 16, 22, 11, 9, 9, 9, 12];
  for (let column = 1; column <= layout.lastColumn; column++) {
    sheet.getColumn(column).width = widths[column - 1] ?? 11;
  }
}

/** The data block: one input per region and a 全市 input, and the computed city figure. */
function writeElements(
  sheet: Worksheet,
  context: TableContext,
  layout: IndicatorSheetLayout,
): void {
  const { regions } = layout;
  writeHeaderRow(sheet, ELEMENT_HEADER_ROW, [
    ...ELEMENT_HEADERS,
    ...regions.map((region) => region.name),
    "全市填报数",
    "全市数",
  ]);
  const populationLabel = sheet.getCell(POPULATION_ROW, ELEMENT_COLUMNS.name);
  populationLabel.value = "常住人口（加权平均的权数）";
  sheet.getCell(POPULATION_ROW, ELEMENT_COLUMNS.unit).value = "人";
  regions.forEach((region, index) => {
    if (region.population !== undefined) {
      sheet.getCell(POPULATION_ROW, layout.regionColumn(index)).value = region.population;
    }
  });

  const first = layout.regionColumn(0);
  const last = layout.regionColumn(regions.length - 1);
  const populationRange = `${absoluteAddress(POPULATION_ROW, first)}:${absoluteAddress(POPULATION_ROW, last)}`;
  layout.elements.forEach(({ code, row }, index) => {
    const element = context.framework.elements.get(code)!;
    const cells = sheet.getRow(row);
    cells.getCell(ELEMENT_COLUMNS.index).value = index + 1;
    cells.getCell(ELEMENT_COLUMNS.code).value = code;
    cells.getCell(ELEMENT_COLUMNS.name).value = element.name;
    cells.getCell(ELEMENT_COLUMNS.unit).value = element.unit ?? "";
    cells.getCell(ELEMENT_COLUMNS.aggregation).value = aggregationText(element.aggregation);
    regions.forEach((region, regionIndex) => {
      const value = givenValue(context.dataset, code, region.code);
      if (value !== undefined) cells.getCell(layout.regionColumn(regionIndex)).value = value;
    });
    const cityGiven = givenValue(context.dataset, code, CITY);
    if (cityGiven !== undefined) cells.getCell(layout.cityInputColumn).value = cityGiven;

    const cityInput = absoluteAddress(row, layout.cityInputColumn);
    const formula =
      regions.length === 0
        ? `IF(ISNUMBER(${cityInput}),${cityInput},"")`
        : cityValueFormula({
            aggregation: element.aggregation,
            cityInput,
            regionRange: `${absoluteAddress(row, first)}:${absoluteAddress(row, last)}`,
            populationRange,
            regionsWithoutPopulation: regions.flatMap((region, regionIndex) =>
              region.population === undefined
                ? [absoluteAddress(row, layout.regionColumn(regionIndex))]
                : [],
            ),
          });
    const city = cells.getCell(layout.cityValueColumn);
    city.value = { formula };
    city.font = { bold: true };
  });
  const lastElementRow = POPULATION_ROW + layout.elements.length;
  borderBlock(sheet, POPULATION_ROW, lastElementRow, layout.cityValueColumn);
}

/** The cells a cv indicator spreads over: each region's value of it, and the populations. */
function spreadCells(layout: IndicatorSheetLayout, row: number): RegionSpreadCells {
  const count = layout.regions.length;
  const values = layout.regions.map((_, index) =>
    absoluteAddress(row, layout.indicatorRegionColumn(index)),
  );
  return {
    values,
    valueRange: `${values[0]}:${values[count - 1]}`,
    populations: layout.regions.map((region, index) =>
      region.population === undefined
        ? null
        : absoluteAddress(POPULATION_ROW, layout.regionColumn(index)),
    ),
    populationRange: `${absoluteAddress(POPULATION_ROW, layout.regionColumn(0))}:${absoluteAddress(POPULATION_ROW, layout.regionColumn(count - 1))}`,
  };
}

/** A cv rule's value: the regions' own values of the indicator, their mean, and the cv. */
function writeSpread(
  sheet: Worksheet,
  layout: IndicatorSheetLayout,
  indicator: Indicator,
  row: number,
): string {
  if (layout.regions.length === 0) return '""';
  layout.regions.forEach((_, index) => {
    const cell = sheet.getCell(row, layout.indicatorRegionColumn(index));
    // A region whose value is missing or cannot be computed is left out of the spread.
    cell.value = {
      formula: guardedValueFormula(
        indicator.compiled,
        (code) => absoluteAddress(layout.elementRow.get(code)!, layout.regionColumn(index)),
        "",
      ),
    };
    cell.numFmt = FORMATS.value;
  });
  const cells = spreadCells(layout, row);
  const mean = sheet.getCell(row, layout.indicatorMeanColumn);
  mean.value = { formula: regionalMeanFormula(cells) };
  mean.numFmt = FORMATS.value;
  return coefficientOfVariationFormula(
    cells,
    absoluteAddress(row, layout.indicatorMeanColumn),
    NOT_COMPUTABLE,
  );
}

function writeIndicator(
  sheet: Worksheet,
  context: TableContext,
  layout: IndicatorSheetLayout,
  indicator: Indicator,
  row: number,
  index: number,
): void {
  const cells = sheet.getRow(row);
  const C = INDICATOR_COLUMNS;
  cells.getCell(C.index).value = index;
  cells.getCell(C.code).value = indicator.code;
  cells.getCell(C.name).value = indicator.name;
  cells.getCell(C.unit).value = indicator.unit ?? "";
  cells.getCell(C.weight).value = indicator.weight;
  cells.getCell(C.formula).value =
    indicator.rule.type === "cv" ? `各地区的 ${indicator.formula}` : indicator.formula;
  cells.getCell(C.rule).value = ruleText(indicator.rule);
  cells.getCell(C.department).value = departmentName(context, indicator.department);

  const cityValue = (code: string) =>
    absoluteAddress(layout.elementRow.get(code)!, layout.cityValueColumn);
  const value = cells.getCell(C.value);
  value.value = {
    formula:
      indicator.rule.type === "cv"
        ? writeSpread(sheet, layout, indicator, row)
        : guardedValueFormula(indicator.compiled, cityValue, NOT_COMPUTABLE),
  };
  value.numFmt = indicator.rule.type === "cv" ? FORMATS.score : FORMATS.value;
  value.alignment = { horizontal: "right" };

  const valueCell = absoluteAddress(row, C.value);
  const ratio = cells.getCell(C.ratio);
  ratio.value = { formula: ruleRatioFormula(indicator.rule, valueCell) };
  ratio.numFmt = FORMATS.score;
  const weight = cellAddress(row, C.weight);
  const ratioCell = cellAddress(row, C.ratio);
  cells.getCell(C.points).value = { formula: `${weight}*${ratioCell}` };
  cells.getCell(C.loss).value = { formula: `${weight}*(1-${ratioCell})` };
  cells.getCell(C.points).numFmt = FORMATS.score;
  cells.getCell(C.loss).numFmt = FORMATS.score;
}

/**
 * A part's subtotal: weights, points got and lost, and points got ÷ weights — for the
 * city the part's score (spec §3.3), for a department its own share of it.
 */
function writeSubtotal(sheet: Worksheet, context: TableContext, group: IndicatorGroup): void {
  const C = INDICATOR_COLUMNS;
  const first = group.rows[0]!.row;
  const last = group.rows[group.rows.length - 1]!.row;
  const cells = sheet.getRow(group.subtotalRow);
  cells.getCell(C.name).value =
    context.department === null
      ? `${group.part.name}合计（得分率即本部分得分）`
      : `本单位小计（${group.part.name}）`;
  const sum = (column: number) => `SUM(${cellAddress(first, column)}:${cellAddress(last, column)})`;
  cells.getCell(C.weight).value = { formula: sum(C.weight) };
  cells.getCell(C.points).value = { formula: sum(C.points) };
  cells.getCell(C.loss).value = { formula: sum(C.loss) };
  const weights = cellAddress(group.subtotalRow, C.weight);
  cells.getCell(C.ratio).value = {
    formula: `IF(${weights}=0,0,${cellAddress(group.subtotalRow, C.points)}/${weights})`,
  };
  for (const column of [C.ratio, C.points, C.loss]) cells.getCell(column).numFmt = FORMATS.score;
}

function writeIndicators(
  sheet: Worksheet,
  context: TableContext,
  layout: IndicatorSheetLayout,
): void {
  const hasCv = layout.groups.some((group) =>
    group.rows.some(({ indicator }) => indicator.rule.type === "cv"),
  );
  const headers = [
    ...INDICATOR_HEADERS,
    ...(hasCv ? layout.regions.map((region) => `${region.name}（分地区值）`) : []),
    ...(hasCv ? ["地区加权均值"] : []),
  ];
  headers.forEach((text, index) => {
    const cell = sheet.getCell(layout.indicatorHeaderRow, index + 1);
    cell.value = text;
    styleHeaderCell(cell);
  });
  let index = 1;
  for (const group of layout.groups) {
    for (const { indicator, row } of group.rows) {
      writeIndicator(sheet, context, layout, indicator, row, index++);
    }
    writeSubtotal(sheet, context, group);
  }
  if (layout.groups.length > 0) {
    borderBlock(sheet, layout.indicatorHeaderRow + 1, layout.lastRow, headers.length);
    for (const group of layout.groups) emphasizeRow(sheet, group.subtotalRow, headers.length);
  }
}

/** 指标考评表: the figures, with the city figures, indicator values and ratios as live formulas. */
export function writeIndicatorSheet(
  workbook: Workbook,
  context: TableContext,
): IndicatorSheetLayout {
  const layout = indicatorSheetLayout(
    context.framework,
    context.dataset.regions,
    context.department?.code ?? null,
  );
  const sheet = workbook.addWorksheet(INDICATOR_SHEET, {
    views: [{ state: "frozen", xSplit: 3, ySplit: ELEMENT_HEADER_ROW }],
  });
  setColumnWidths(sheet, layout);
  const title = sheetTitle(context, INDICATOR_SHEET);
  writeHeading(sheet, {
    title,
    unit: context.unit,
    date: context.date,
    lastColumn: layout.lastColumn,
  });
  writeElements(sheet, context, layout);
  writeIndicators(sheet, context, layout);
  fitRowHeights(sheet, ELEMENT_HEADER_ROW, layout.lastRow, layout.lastColumn);
  // The indicator table starts on a page of its own, under its own header; the pages
  // repeat only the title and unit lines, since each block has its own column headings.
  sheet.getRow(layout.indicatorHeaderRow - 1).addPageBreak();
  setUpPrinting(sheet, {
    lastRow: layout.lastRow,
    lastColumn: layout.lastColumn,
    titleRows: `1:${UNIT_ROW}`,
    headerText: title,
    illustrative: context.illustrative,
  });
  return layout;
}
