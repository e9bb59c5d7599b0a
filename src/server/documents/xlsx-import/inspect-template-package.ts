import { localized, type Localized } from "../../../core";
import { InspectionBudget, InspectionStopped } from "../../evidence/inspection-budget";
import {
  FLAG_ENCRYPTED,
  FLAG_STRONG_ENCRYPTION,
  readZipDirectory,
  type ZipEntry,
} from "../../evidence/zip-directory";
import { readEntryData } from "../../evidence/zip-entry-data";
import { referencesIn, type RangeReach } from "./sheet-ranges";
import type { TemplateLimits } from "./template-limits";

/**
 * Why an uploaded file is refused before ExcelJS may open it: "tooLarge" (413),
 * "notXlsx" (415), or "hostile" (422: a bomb, a sheet past the bounds).
 */
export type PackageRefusal = { kind: "tooLarge" | "notXlsx" | "hostile"; problem: Localized };

export type PackageVerdict = { ok: true } | ({ ok: false } & PackageRefusal);

const NOT_XLSX = localized(
  "不是 Excel 工作簿（.xlsx）：请用下载的模板填写，并以 .xlsx 格式保存（不要设置打开密码）",
  "not an Excel workbook (.xlsx): fill in the downloaded template and save it as .xlsx (without a password)",
);

class Refused extends Error {
  constructor(readonly refusal: PackageRefusal) {
    super(refusal.problem.en);
  }
}

const hostile = (zh: string, en: string) =>
  new Refused({ kind: "hostile", problem: localized(zh, en) });

const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/.test(name);
/** The parts whose XML is scanned for ranges: every worksheet and the workbook. */
const isScanned = (name: string) => isWorksheet(name) || name === "xl/workbook.xml";

function checkEntries(entries: ZipEntry[], limits: TemplateLimits): void {
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has("[Content_Types].xml") || !names.has("xl/workbook.xml")) {
    throw new Refused({ kind: "notXlsx", problem: NOT_XLSX });
  }
  for (const entry of entries) {
    if (entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) || ![0, 8].includes(entry.method)) {
      throw new Refused({ kind: "notXlsx", problem: NOT_XLSX });
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > limits.zip.ratioFloorBytes && ratio > limits.zip.maxRatio) {
      throw hostile(
        `文件中的 ${entry.name} 压缩比异常（${Math.round(ratio)}:1），疑似压缩炸弹，已拒绝`,
        `${entry.name} in the file is compressed ${Math.round(ratio)}:1, like a zip bomb; refused`,
      );
    }
    // Every part, not only the sheets: ExcelJS parses shared strings, styles and drawings too.
    if (entry.uncompressedSize > limits.maxPartBytes) {
      throw hostile(
        `文件中的 ${entry.name} 过大（解压后超过 ${limits.maxPartBytes / 1024 / 1024} MB），不是考评模板`,
        `${entry.name} in the file unpacks to more than ${limits.maxPartBytes / 1024 / 1024} MB; not a template`,
      );
    }
  }
}

const tooFar = (where: string, reach: RangeReach, limits: TemplateLimits) =>
  hostile(
    `${where} 的范围过大（到第 ${reach.lastRow} 行、第 ${reach.lastColumn} 列；上限为 ${limits.maxRows} 行 × ${limits.maxColumns} 列）`,
    `${where} reaches row ${reach.lastRow}, column ${reach.lastColumn} (at most ${limits.maxRows} rows × ${limits.maxColumns} columns)`,
  );

/** Cells ExcelJS would visit, counted across the whole workbook. */
class ExpandedCells {
  private total = 0;
  constructor(private readonly limits: TemplateLimits) {}
  add(where: string, reach: RangeReach): void {
    if (reach.lastRow > this.limits.maxRows || reach.lastColumn > this.limits.maxColumns) {
      throw tooFar(where, reach, this.limits);
    }
    this.total += reach.area;
    if (this.total > this.limits.maxExpandedCells) {
      throw hostile(
        `文件中合并单元格、数据验证和名称所覆盖的单元格过多（超过 ${this.limits.maxExpandedCells} 个）`,
        `merged cells, validations and names in the file cover more than ${this.limits.maxExpandedCells} cells`,
      );
    }
  }
}

/** Cells written in all sheets together: ExcelJS keeps an object for each. */
class CellCount {
  private total = 0;
  constructor(private readonly limits: TemplateLimits) {}
  add(where: string, count: number): void {
    this.total += count;
    if (this.total > this.limits.maxCells) {
      throw hostile(
        `${where}：文件中的单元格过多（超过 ${this.limits.maxCells} 个），不是考评模板`,
        `${where}: the file has more than ${this.limits.maxCells} cells; not a template`,
      );
    }
  }
}

const attributeValues = (xml: string, pattern: RegExp) =>
  [...xml.matchAll(pattern)].map((match) => match[1] ?? "");

/** Every cell, row, column and range a worksheet names stays within the bounds. */
function scanWorksheet(
  name: string,
  xml: string,
  limits: TemplateLimits,
  expanded: ExpandedCells,
  cells: CellCount,
): void {
  const where = `工作表 ${name}`;
  const within = (text: string) => {
    for (const reach of referencesIn(text)) {
      if (reach.lastRow > limits.maxRows || reach.lastColumn > limits.maxColumns) {
        throw tooFar(where, reach, limits);
      }
    }
  };
  attributeValues(xml, /<(?:\w+:)?dimension\b[^>]*\bref="([^"]*)"/g).forEach(within);
  attributeValues(xml, /<(?:\w+:)?c\b[^>]*\br="([^"]*)"/g).forEach(within);
  const rows = attributeValues(xml, /<(?:\w+:)?row\b[^>]*\br="([^"]*)"/g);
  for (const row of rows) within(`A${row}`);
  // Rows and cells without a number follow the one before, so their count is a reach too.
  const rowCount = [...xml.matchAll(/<(?:\w+:)?row\b/g)].length;
  if (rowCount > limits.maxRows) {
    throw tooFar(where, { lastRow: rowCount, lastColumn: 1, area: rowCount }, limits);
  }
  cells.add(where, [...xml.matchAll(/<(?:\w+:)?c\b/g)].length);
  let span = 0;
  for (const match of xml.matchAll(/<(?:\w+:)?col\b([^>]*)>/g)) {
    const min = Number(/\bmin="(\d{1,9})"/.exec(match[1] ?? "")?.[1] ?? 1);
    const max = Number(/\bmax="(\d{1,9})"/.exec(match[1] ?? "")?.[1] ?? min);
    span += Math.max(max - min + 1, 0);
    if (max > 16_384 || span > limits.maxColumnSpan) {
      throw hostile(`${where} 的列定义过多`, `sheet ${name} describes too many columns`);
    }
  }
  const expandedRanges = [
    ...attributeValues(xml, /<(?:\w+:)?mergeCell\b[^>]*\bref="([^"]*)"/g),
    ...attributeValues(xml, /<(?:\w+:)?dataValidation\b[^>]*\bsqref="([^"]*)"/g),
    ...attributeValues(xml, /<xm:sqref>([^<]*)<\/xm:sqref>/g),
    ...attributeValues(xml, /<(?:\w+:)?hyperlink\b[^>]*\bref="([^"]*)"/g),
  ];
  for (const ranges of expandedRanges) {
    for (const reach of referencesIn(ranges)) expanded.add(where, reach);
  }
}

/** Defined names other than Excel's own (print area, titles) are expanded cell by cell. */
function scanWorkbook(xml: string, expanded: ExpandedCells): void {
  for (const match of xml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([^<]*)</g)) {
    if (/\bname="_xlnm\./.test(match[1] ?? "")) continue;
    for (const reach of referencesIn(match[2] ?? "")) expanded.add("名称定义", reach);
  }
}

const utf8 = new TextDecoder("utf-8");

/**
 * Checks an uploaded workbook without trusting it: its size, that it is a ZIP whose
 * directory and data agree (zip-directory.ts), that every part unpacks to exactly what
 * it declares within fixed totals (inflated in memory, a piece at a time), and that no
 * sheet, range or name reaches past the bounds ExcelJS would otherwise walk through.
 * Only a file that passes is handed to ExcelJS, which then reads the same bytes.
 */
export async function inspectTemplatePackage(
  bytes: Uint8Array,
  limits: TemplateLimits,
): Promise<PackageVerdict> {
  try {
    if (bytes.length > limits.maxFileBytes) {
      throw new Refused({
        kind: "tooLarge",
        problem: localized(
          `文件超过 ${limits.maxFileBytes / 1024 / 1024} MB，不是考评模板`,
          `the file is larger than ${limits.maxFileBytes / 1024 / 1024} MB; not a template`,
        ),
      });
    }
    const directory = readZipDirectory(bytes, limits.zip.maxEntries);
    if (!directory.readable) {
      if (directory.problem === "tooManyEntries") {
        throw hostile(
          "文件中的部件过多，不是考评模板",
          "the file has too many parts; not a template",
        );
      }
      throw new Refused({ kind: "notXlsx", problem: NOT_XLSX });
    }
    const { entries } = directory;
    checkEntries(entries, limits);
    const budget = new InspectionBudget(limits.zip);
    budget.spendEntries(entries.length);
    budget.reserveDeclared(entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0));
    const expanded = new ExpandedCells(limits);
    const cells = new CellCount(limits);
    for (const entry of entries) {
      const scanned = isScanned(entry.name);
      const data = await readEntryData(bytes, entry, budget, {
        keep: () => scanned,
        maxKeep: limits.maxPartBytes,
      });
      if (!data.ok) {
        throw hostile(
          `文件中的 ${entry.name} 已损坏或与其声明的大小不符，已拒绝`,
          `${entry.name} in the file is damaged or unpacks to more than it declares; refused`,
        );
      }
      if (!scanned) continue;
      const xml = utf8.decode(data.whole ?? data.head);
      if (isWorksheet(entry.name)) scanWorksheet(entry.name, xml, limits, expanded, cells);
      else scanWorkbook(xml, expanded);
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, ...error.refusal };
    if (error instanceof InspectionStopped) {
      return {
        ok: false,
        kind: "hostile",
        problem: localized(`文件被拒绝：${error.what.zh}`, `the file is refused: ${error.what.en}`),
      };
    }
    throw error;
  }
}
