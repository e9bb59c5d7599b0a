import type { Dataset, Framework, ScoreResult } from "../../../core";
import { writeIndicatorSheet } from "./indicator-sheet";
import { chineseDate } from "./sheet-style";
import { writeSummarySheet } from "./summary-sheet";
import type { TableContext } from "./table-context";
import { protectAsTemplate } from "./template-protection";
import { writeWorkSheet } from "./work-sheet";

export interface TablesWorkbookInput {
  framework: Framework;
  dataset: Dataset;
  score: ScoreResult;
  /** e.g. "惠州市". */
  city: string;
  /** Null: the city's workbook (all departments). */
  department: { code: string; name: string } | null;
  /** True → "示例数据" in title and page header. */
  illustrative: boolean;
  /** YYYY-MM-DD, printed as 2026年3月8日. */
  date: string;
  /**
   * Present → the fill-in template: only input cells unlocked, sheets protected, decimal
   * validation on inputs, and STAMP_SHEET!A1 = stampText (very hidden). Department only.
   */
  template?: { stampText: string };
}

/**
 * 指标考评表 and 工作测评表 (and for the city 得分汇总) as an .xlsx whose every computed
 * figure is a live formula. No formula carries a cached result: Kaoping has not computed
 * Excel's answer, so it does not pretend to — the reader recalculates on opening
 * (fullCalcOnLoad), and a recalculation gives the scorer's figures (the tests check
 * this with LibreOffice). The scorer's `score` is not written into the sheets for the
 * same reason; it is the reference the formulas are checked against.
 */
export async function buildTablesWorkbook(input: TablesWorkbookInput): Promise<Buffer> {
  if (input.template && input.department === null) {
    throw new Error("a fill-in template is made for one department");
  }
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kaoping";
  workbook.calcProperties = { fullCalcOnLoad: true };
  const year = input.dataset.doc.year;
  const context: TableContext = {
    framework: input.framework,
    dataset: input.dataset,
    department: input.department,
    titlePrefix: `${input.city}${year}年度基本公共服务均等化绩效考评`,
    unit: input.department?.name ?? `${input.city}（全部责任单位）`,
    date: chineseDate(input.date),
    illustrative: input.illustrative,
  };
  const indicators = writeIndicatorSheet(workbook, context);
  const work = writeWorkSheet(workbook, context);
  if (input.department === null) writeSummarySheet(workbook, context, indicators, work);
  if (input.template && input.department) {
    await protectAsTemplate(
      workbook,
      input.framework,
      input.dataset.regions,
      input.department.code,
      input.template.stampText,
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
