import ExcelJS from "exceljs";
import { boundViolation, localized, type Framework, type Localized } from "../../../core";
import { STAMP_SHEET, type TemplateInputCell } from "../xlsx/template-layout";
import { readCellNumber } from "./cell-number";
import { inspectTemplatePackage, type PackageRefusal } from "./inspect-template-package";
import type { TemplateLimits } from "./template-limits";
import { readStamp, type TemplateStamp } from "./template-stamp";

/** One refused cell: where ("指标考评表!F12") and why, the message naming the cell. */
export interface CellError {
  cell: string;
  message: Localized;
}

/** An input cell that holds a number within its bounds. */
export interface FilledCell {
  input: TemplateInputCell;
  /** "指标考评表!F12" */
  label: string;
  value: number;
}

export type TemplateReading =
  | { ok: true; stamp: TemplateStamp; filled: FilledCell[] }
  /** Some cells are refused: the whole file is. `more` counts errors past the list. */
  | { ok: false; kind: "cells"; errors: CellError[]; more: number }
  /** The file as a whole: too large, not an xlsx, hostile, or its stamp wrong. */
  | ({ ok: false } & (PackageRefusal | { kind: "stamp"; problem: Localized }));

export interface ReadTemplateInput {
  bytes: Uint8Array;
  /** The input cells of the year's template for the department (templateInputCells). */
  cells: readonly TemplateInputCell[];
  framework: Framework;
  stampKey: Buffer;
  /** What the stamp must say. */
  year: number;
  department: string;
  limits: TemplateLimits;
  /** Errors listed before the rest are only counted (default MAX_LISTED_ERRORS). */
  maxErrors?: number;
}

/** Enough errors for a clerk to see what went wrong; past this they are only counted. */
export const MAX_LISTED_ERRORS = 200;

const cellError = (label: string, problem: Localized): CellError => ({
  cell: label,
  message: localized(`${label}：${problem.zh}`, `${label}: ${problem.en}`),
});

/** Why a number cannot go in this cell (bounds of the element, or 0..max points). */
function targetProblem(
  framework: Framework,
  input: TemplateInputCell,
  value: number,
): Localized | undefined {
  const target = input.target;
  if (target.kind === "value") {
    const element = framework.elements.get(target.element);
    return element ? boundViolation(element, value) : undefined;
  }
  if (value < 0) return localized(`得分 ${value} 不能为负数`, `points ${value} cannot be negative`);
  if (value > target.max) {
    return localized(
      `得分 ${value} 超过该评分细则的满分 ${target.max}`,
      `points ${value} exceed the criterion's ${target.max}`,
    );
  }
  return undefined;
}

function stampProblem(stamp: TemplateStamp, year: number, department: string) {
  if (stamp.year !== year) {
    return localized(
      `这是 ${stamp.year} 年度的模板，不能导入 ${year} 年度`,
      `this template is for ${stamp.year}, not ${year}`,
    );
  }
  if (stamp.department !== department) {
    return localized(
      `这是单位 ${stamp.department} 的模板，不能导入单位 ${department}`,
      `this template is for department ${stamp.department}, not ${department}`,
    );
  }
  return undefined;
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook | undefined> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) as never);
    return workbook;
  } catch {
    return undefined;
  }
}

/**
 * Reads a filled template: checked as a package first (inspect-template-package.ts),
 * only then opened with ExcelJS; the stamp verified and matched to the year and the
 * department; then every input cell. An empty cell changes nothing (a stored figure is
 * removed online, where it is one deliberate act, not a cell left blank); a number, or
 * text that is one (see cell-number.ts), is taken when it fits its element's bounds or
 * the criterion's points. Any refused cell refuses the whole file, every such cell
 * listed, up to MAX_LISTED_ERRORS.
 */
export async function readTemplate(input: ReadTemplateInput): Promise<TemplateReading> {
  const verdict = await inspectTemplatePackage(input.bytes, input.limits);
  if (!verdict.ok) return verdict;
  const workbook = await loadWorkbook(input.bytes);
  if (!workbook) {
    return {
      ok: false,
      kind: "notXlsx",
      problem: localized("无法读取此 Excel 文件", "this Excel file cannot be read"),
    };
  }
  const stampCell = workbook.getWorksheet(STAMP_SHEET)?.getCell("A1").value;
  const stamp = readStamp(input.stampKey, stampCell);
  if (!stamp.ok) return { ok: false, kind: "stamp", problem: stamp.problem };
  const mismatch = stampProblem(stamp.stamp, input.year, input.department);
  if (mismatch) return { ok: false, kind: "stamp", problem: mismatch };

  const errors: CellError[] = [];
  let more = 0;
  const refuse = (error: CellError) => {
    if (errors.length < (input.maxErrors ?? MAX_LISTED_ERRORS)) errors.push(error);
    else more++;
  };
  const filled: FilledCell[] = [];
  const missingSheets = new Set<string>();
  for (const cell of input.cells) {
    const sheet = workbook.getWorksheet(cell.sheet);
    if (!sheet) {
      if (!missingSheets.has(cell.sheet)) {
        missingSheets.add(cell.sheet);
        refuse(cellError(cell.sheet, localized("文件中没有这张工作表", "the sheet is missing")));
      }
      continue;
    }
    const label = `${cell.sheet}!${cell.address}`;
    const reading = readCellNumber(sheet.getCell(cell.address).value);
    if (reading.kind === "empty") continue;
    if (reading.kind === "refused") {
      refuse(cellError(label, reading.problem));
      continue;
    }
    const problem = targetProblem(input.framework, cell, reading.value);
    if (problem) refuse(cellError(label, problem));
    else filled.push({ input: cell, label, value: reading.value });
  }
  if (errors.length > 0) return { ok: false, kind: "cells", errors, more };
  return { ok: true, stamp: stamp.stamp, filled };
}
