import type { Workbook, Worksheet } from "exceljs";
import { cellAddress } from "./cell-address";
import {
  FORMATS,
  borderBlock,
  emphasizeRow,
  fitRowHeights,
  setUpPrinting,
  writeHeaderRow,
  writeHeading,
} from "./sheet-style";
import { departmentName, givenAward, sheetTitle, type TableContext } from "./table-context";
import { WORK_SHEET } from "./template-layout";
import {
  WORK_COLUMNS,
  WORK_HEADER_ROW,
  workSheetLayout,
  type WorkGroup,
  type WorkItemRows,
  type WorkSheetLayout,
} from "./work-sheet-layout";

const HEADERS = [
  "序号",
  "代码",
  "工作项目及评分标准",
  "标准分值",
  "评定得分",
  "项目分值",
  "项目得分",
  "失分",
  "得分率",
  "责任单位",
];
const WIDTHS = [6, 10, 50, 9, 9, 9, 9, 9, 9, 14];

function writeItem(
  sheet: Worksheet,
  context: TableContext,
  { item, row, criteria }: WorkItemRows,
  index: number,
): void {
  const C = WORK_COLUMNS;
  const cells = sheet.getRow(row);
  cells.getCell(C.index).value = index;
  cells.getCell(C.code).value = item.code;
  cells.getCell(C.text).value = item.name;
  cells.getCell(C.text).font = { bold: true };
  cells.getCell(C.itemPoints).value = item.points;
  cells.getCell(C.department).value = departmentName(context, item.department);
  // An item earns the sum of its criteria's awards; an unanswered criterion adds 0.
  const first = criteria[0]!.row;
  const last = criteria[criteria.length - 1]!.row;
  cells.getCell(C.itemEarned).value = {
    formula: `SUM(${cellAddress(first, C.awarded)}:${cellAddress(last, C.awarded)})`,
  };
  const points = cellAddress(row, C.itemPoints);
  const earned = cellAddress(row, C.itemEarned);
  cells.getCell(C.loss).value = { formula: `${points}-${earned}` };
  cells.getCell(C.rate).value = { formula: `IF(${points}=0,0,${earned}/${points})` };
  cells.getCell(C.rate).numFmt = FORMATS.score;

  criteria.forEach((criterion, criterionIndex) => {
    const line = sheet.getRow(criterion.row);
    line.getCell(C.index).value = `${index}.${criterionIndex + 1}`;
    line.getCell(C.code).value = criterion.code;
    const text = line.getCell(C.text);
    text.value = criterion.text;
    text.alignment = { indent: 1, wrapText: true, vertical: "middle" };
    line.getCell(C.criterionPoints).value = criterion.points;
    const awarded = givenAward(context.dataset, item.code, criterion.code);
    if (awarded !== undefined) line.getCell(C.awarded).value = awarded;
  });
}

/** Points and points earned of the part's items; their quotient is the part's score (spec §3.3). */
function writeSubtotal(sheet: Worksheet, context: TableContext, group: WorkGroup): void {
  const C = WORK_COLUMNS;
  const first = group.items[0]!.row;
  const last = group.subtotalRow - 1;
  const cells = sheet.getRow(group.subtotalRow);
  cells.getCell(C.text).value =
    context.department === null
      ? `${group.part.name}合计（得分率即本部分得分）`
      : `本单位小计（${group.part.name}）`;
  // Criterion rows leave the item columns blank, so each total counts every item once.
  for (const column of [C.itemPoints, C.itemEarned, C.loss]) {
    cells.getCell(column).value = {
      formula: `SUM(${cellAddress(first, column)}:${cellAddress(last, column)})`,
    };
  }
  const points = cellAddress(group.subtotalRow, C.itemPoints);
  const earned = cellAddress(group.subtotalRow, C.itemEarned);
  cells.getCell(C.rate).value = { formula: `IF(${points}=0,0,${earned}/${points})` };
  cells.getCell(C.rate).numFmt = FORMATS.score;
}

/** 工作测评表: each item's criteria with the awarded points, item and part totals as formulas. */
export function writeWorkSheet(workbook: Workbook, context: TableContext): WorkSheetLayout {
  const layout = workSheetLayout(context.framework, context.department?.code ?? null);
  const sheet = workbook.addWorksheet(WORK_SHEET, {
    views: [{ state: "frozen", xSplit: 3, ySplit: WORK_HEADER_ROW }],
  });
  WIDTHS.forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  const title = sheetTitle(context, WORK_SHEET);
  writeHeading(sheet, {
    title,
    unit: context.unit,
    date: context.date,
    lastColumn: layout.lastColumn,
  });
  writeHeaderRow(sheet, WORK_HEADER_ROW, HEADERS);
  let index = 1;
  for (const group of layout.groups) {
    for (const item of group.items) writeItem(sheet, context, item, index++);
    writeSubtotal(sheet, context, group);
  }
  fitRowHeights(sheet, WORK_HEADER_ROW, layout.lastRow, layout.lastColumn);
  if (layout.lastRow > WORK_HEADER_ROW) {
    borderBlock(sheet, WORK_HEADER_ROW + 1, layout.lastRow, layout.lastColumn);
    for (const group of layout.groups) emphasizeRow(sheet, group.subtotalRow, layout.lastColumn);
  }
  setUpPrinting(sheet, {
    lastRow: Math.max(layout.lastRow, WORK_HEADER_ROW),
    lastColumn: layout.lastColumn,
    titleRows: `1:${WORK_HEADER_ROW}`,
    headerText: title,
    illustrative: context.illustrative,
  });
  return layout;
}
