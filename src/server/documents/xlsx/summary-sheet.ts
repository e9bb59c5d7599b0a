import type { Workbook } from "exceljs";
import { clampFormula, gradeFormula } from "../../../core/documents/excel-formula";
import { satisfactionValue } from "../../../core/scoring/satisfaction";
import { SCORE_DECIMALS } from "../../../core";
import { absoluteAddress, cellAddress, sheetReference } from "./cell-address";
import { INDICATOR_COLUMNS, type IndicatorSheetLayout } from "./indicator-sheet-layout";
import {
  FORMATS,
  borderBlock,
  emphasizeRow,
  fitRowHeights,
  setUpPrinting,
  writeHeaderRow,
  writeHeading,
} from "./sheet-style";
import { sheetTitle, type TableContext } from "./table-context";
import { INDICATOR_SHEET, SUMMARY_SHEET, WORK_SHEET } from "./template-layout";
import { WORK_COLUMNS, type WorkSheetLayout } from "./work-sheet-layout";

const HEADER_ROW = 3;
const FIRST_PART_ROW = 4;
const HEADERS = [
  "序号",
  "代码",
  "构成部分",
  "类型",
  "权重",
  "得分率",
  "加权得分",
  "满意度得分",
  "满分",
];
const WIDTHS = [6, 10, 24, 12, 10, 12, 12, 12, 10];
const COLUMNS = {
  index: 1,
  code: 2,
  name: 3,
  kind: 4,
  weight: 5,
  score: 6,
  weighted: 7,
  satisfaction: 8,
  scale: 9,
} as const;
const KIND_TEXT = { indicators: "指标考评", work: "工作测评", satisfaction: "满意度调查" } as const;

/** Where the summary's results sit, for readers of the workbook (the tests among them). */
export interface SummaryCells {
  /** Part code → the cell of its score S_p. */
  partScore: Map<string, string>;
  scoreExact: string;
  score: string;
  grade: string;
  target: string;
  meetsTarget: string;
}

/** Rows below the parts: the composite, its rounding, the grade and the target. */
const RESULTS = [
  { key: "scoreExact", label: "综合得分（未取整）" },
  { key: "score", label: "综合得分" },
  { key: "grade", label: "等级" },
  { key: "target", label: "目标分" },
  { key: "meetsTarget", label: "是否达到目标" },
] as const;
type ResultKey = (typeof RESULTS)[number]["key"];

/**
 * 得分汇总 (city only): each part's weight and score — the indicator and work parts read
 * from the other sheets, satisfaction from the survey figure — then the composite
 * Σ W_p S_p / Σ W_p, rounded to four decimals, its grade and whether it meets the target.
 */
export function writeSummarySheet(
  workbook: Workbook,
  context: TableContext,
  indicators: IndicatorSheetLayout,
  work: WorkSheetLayout,
): SummaryCells {
  const sheet = workbook.addWorksheet(SUMMARY_SHEET, {
    views: [{ state: "frozen", ySplit: HEADER_ROW }],
  });
  WIDTHS.forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  const lastColumn = HEADERS.length;
  const title = sheetTitle(context, SUMMARY_SHEET);
  writeHeading(sheet, { title, unit: context.unit, date: context.date, lastColumn });
  writeHeaderRow(sheet, HEADER_ROW, HEADERS);

  const parts = context.framework.parts;
  const lastPartRow = FIRST_PART_ROW + parts.length - 1;
  const totalRow = lastPartRow + 1;
  const totalWeight = absoluteAddress(totalRow, COLUMNS.weight);
  const partScore = new Map<string, string>();
  parts.forEach((part, index) => {
    const row = FIRST_PART_ROW + index;
    const cells = sheet.getRow(row);
    cells.getCell(COLUMNS.index).value = index + 1;
    cells.getCell(COLUMNS.code).value = part.code;
    cells.getCell(COLUMNS.name).value = part.name;
    cells.getCell(COLUMNS.kind).value = KIND_TEXT[part.kind];
    cells.getCell(COLUMNS.weight).value = part.weight;
    let formula = "0";
    if (part.kind === "indicators") {
      const group = indicators.groups.find((candidate) => candidate.part.code === part.code);
      if (group)
        formula = sheetReference(INDICATOR_SHEET, group.subtotalRow, INDICATOR_COLUMNS.ratio);
    } else if (part.kind === "work") {
      const group = work.groups.find((candidate) => candidate.part.code === part.code);
      if (group) formula = sheetReference(WORK_SHEET, group.subtotalRow, WORK_COLUMNS.rate);
    } else {
      const value = satisfactionValue(context.dataset.doc.satisfaction);
      // A figure too large to represent is left out rather than written as infinity.
      if (value !== undefined && Number.isFinite(value)) {
        cells.getCell(COLUMNS.satisfaction).value = value;
      }
      cells.getCell(COLUMNS.scale).value = part.scale ?? null;
      const figure = cellAddress(row, COLUMNS.satisfaction);
      const scale = cellAddress(row, COLUMNS.scale);
      formula = `IF(ISNUMBER(${figure}),IFERROR(${clampFormula(`${figure}/${scale}`)},0),0)`;
    }
    cells.getCell(COLUMNS.score).value = { formula };
    cells.getCell(COLUMNS.weighted).value = {
      formula: `${cellAddress(row, COLUMNS.weight)}*${cellAddress(row, COLUMNS.score)}/${totalWeight}`,
    };
    cells.getCell(COLUMNS.score).numFmt = FORMATS.score;
    cells.getCell(COLUMNS.weighted).numFmt = FORMATS.score;
    partScore.set(part.code, cellAddress(row, COLUMNS.score));
  });

  const total = sheet.getRow(totalRow);
  total.getCell(COLUMNS.name).value = "合计";
  const column = (c: number) => `${cellAddress(FIRST_PART_ROW, c)}:${cellAddress(lastPartRow, c)}`;
  total.getCell(COLUMNS.weight).value = { formula: `SUM(${column(COLUMNS.weight)})` };
  total.getCell(COLUMNS.weighted).value = { formula: `SUM(${column(COLUMNS.weighted)})` };
  total.getCell(COLUMNS.weighted).numFmt = FORMATS.score;

  const resultRow = (key: ResultKey) => totalRow + 1 + RESULTS.findIndex((r) => r.key === key);
  const result = (key: ResultKey) => cellAddress(resultRow(key), COLUMNS.score);
  const formulas: Record<ResultKey, string | number> = {
    // The same order as the scorer: Σ W_p S_p first, divided by Σ W_p once.
    scoreExact: `SUMPRODUCT(${column(COLUMNS.weight)},${column(COLUMNS.score)})/${totalWeight}`,
    score: `ROUND(${result("scoreExact")},${SCORE_DECIMALS})`,
    grade: gradeFormula(context.framework.doc.grades, result("score")),
    target: context.framework.doc.target,
    meetsTarget: `IF(${result("score")}>=${result("target")},"是","否")`,
  };
  for (const { key, label } of RESULTS) {
    const row = sheet.getRow(resultRow(key));
    row.getCell(COLUMNS.name).value = label;
    const cell = row.getCell(COLUMNS.score);
    const content = formulas[key];
    cell.value = typeof content === "number" ? content : { formula: content };
    if (key === "scoreExact") cell.numFmt = "0.0000000000";
    else if (key !== "grade" && key !== "meetsTarget") cell.numFmt = FORMATS.score;
    cell.alignment = { horizontal: "right" };
  }
  const lastRow = resultRow("meetsTarget");
  fitRowHeights(sheet, HEADER_ROW, lastRow, lastColumn);
  borderBlock(sheet, FIRST_PART_ROW, lastRow, lastColumn);
  for (let row = totalRow; row <= lastRow; row++) emphasizeRow(sheet, row, lastColumn);

  setUpPrinting(sheet, {
    lastRow,
    lastColumn,
    titleRows: `1:${HEADER_ROW}`,
    headerText: title,
    illustrative: context.illustrative,
  });
  return {
    partScore,
    scoreExact: result("scoreExact"),
    score: result("score"),
    grade: result("grade"),
    target: result("target"),
    meetsTarget: result("meetsTarget"),
  };
}
