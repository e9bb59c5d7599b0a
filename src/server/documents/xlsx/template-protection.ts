import type { DataValidation, Workbook } from "exceljs";
import type { Framework, Region } from "../../../core/model";
import {
  INDICATOR_SHEET,
  STAMP_SHEET,
  WORK_SHEET,
  templateInputCells,
  type TemplateTarget,
} from "./template-layout";

/** The widest range a validation can state; an element without bounds takes any finite figure. */
const LIMIT = 1e307;

function validationOf(framework: Framework, target: TemplateTarget): DataValidation {
  const [min, max] =
    target.kind === "work"
      ? [0, target.max]
      : [
          framework.elements.get(target.element)?.min ?? -LIMIT,
          framework.elements.get(target.element)?.max ?? LIMIT,
        ];
  const range =
    target.kind === "work"
      ? `0 至 ${target.max} 之间的分数`
      : min === -LIMIT && max === LIMIT
        ? "数字"
        : `${min === -LIMIT ? "不限" : String(min)} 至 ${max === LIMIT ? "不限" : String(max)} 之间的数字`;
  return {
    type: "decimal",
    operator: "between",
    allowBlank: true,
    formulae: [min, max],
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: "输入有误",
    error: `请输入${range}，不要输入公式或文字。`,
    showInputMessage: false,
  };
}

/**
 * Makes a department's tables a fill-in template: exactly the input cells of
 * templateInputCells unlocked, each with a number validation, every other cell locked
 * under sheet protection (no password: protection guards against slips, the import
 * checks every cell anyway), and the stamp in a very hidden sheet.
 */
export async function protectAsTemplate(
  workbook: Workbook,
  framework: Framework,
  regions: readonly Region[],
  department: string,
  stampText: string,
): Promise<void> {
  for (const { sheet, address, target } of templateInputCells(framework, regions, department)) {
    const cell = workbook.getWorksheet(sheet)!.getCell(address);
    cell.protection = { locked: false };
    cell.dataValidation = validationOf(framework, target);
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF9E6" } };
  }
  for (const name of [INDICATOR_SHEET, WORK_SHEET]) {
    await workbook.getWorksheet(name)!.protect("", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    });
  }
  const stamp = workbook.addWorksheet(STAMP_SHEET, { state: "veryHidden" });
  stamp.getCell("A1").value = stampText;
}
