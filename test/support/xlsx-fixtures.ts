import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import yauzl from "yauzl";
import { loadDataText, loadFrameworkText, type Dataset, type Framework } from "../../src/core";
import { demoFiles } from "../../src/platform/package-files";
import {
  INDICATOR_SHEET,
  STAMP_SHEET,
  WORK_SHEET,
  templateInputCells,
  type TemplateInputCell,
} from "../../src/server/documents/xlsx/template-layout";
import {
  signStamp,
  stampValueKey,
  type TemplateStamp,
} from "../../src/server/documents/xlsx-import/template-stamp";
import { buildZip, type ZipEntrySpec } from "./zip-builder";

/**
 * Workbooks for the template import's tests, built in memory: a bare template with the
 * real input cell addresses (so the reader's tests do not depend on the full tables
 * writer), filled as a clerk would, and hostile packages.
 */

export const STAMP_KEY = Buffer.alloc(32, 7);

/** The demo framework and 2025 data (illustrative Huizhou). */
export function demoYear(): { framework: Framework; dataset: Dataset } {
  const files = demoFiles();
  const { framework } = loadFrameworkText(readFileSync(files.framework, "utf8"), files.framework);
  const dataset = loadDataText(readFileSync(files.data, "utf8"), files.data, framework);
  return { framework, dataset };
}

export function demoCells(department = "EDU"): TemplateInputCell[] {
  const { framework, dataset } = demoYear();
  return templateInputCells(framework, dataset.doc.regions, department);
}

/** A stamp with every input cell at `version` (0: nothing stored when it was issued). */
export function stampFor(
  cells: readonly TemplateInputCell[],
  overrides: Partial<TemplateStamp> = {},
  version = 1,
): TemplateStamp {
  const values = new Map<string, number>();
  const work = new Map<string, number>();
  for (const { target } of cells) {
    if (target.kind === "value") values.set(stampValueKey(target.element, target.region), version);
    else work.set(target.item, version);
  }
  return {
    year: 2025,
    department: "EDU",
    issuedAt: "2026-03-01T02:00:00.000Z",
    values,
    work,
    ...overrides,
  };
}

export interface BareTemplate {
  cells: readonly TemplateInputCell[];
  /** "指标考评表!F12" → what the cell holds. */
  fill?: ReadonlyMap<string, ExcelJS.CellValue>;
  /** The text of STAMP_SHEET!A1; default: `stampFor(cells)` signed with STAMP_KEY. */
  stampText?: string;
  /** Sheets left out of the workbook. */
  omitSheets?: string[];
}

/** A workbook with the template's sheets, the stamp, and the given cells filled. */
export async function bareTemplate(options: BareTemplate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const name of [INDICATOR_SHEET, WORK_SHEET]) {
    if (!options.omitSheets?.includes(name)) workbook.addWorksheet(name);
  }
  const stamp = workbook.addWorksheet(STAMP_SHEET, { state: "veryHidden" });
  stamp.getCell("A1").value = options.stampText ?? signStamp(STAMP_KEY, stampFor(options.cells));
  for (const [label, value] of options.fill ?? []) {
    const [sheet, address] = label.split("!") as [string, string];
    const worksheet = workbook.getWorksheet(sheet);
    if (worksheet) worksheet.getCell(address).value = value;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const labelOf = (cell: TemplateInputCell) => `${cell.sheet}!${cell.address}`;

/** The parts of a real xlsx, with one part replaced or added: for hostile variants. */
export function xlsxParts(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("not a zip"));
      const parts = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (openError, stream) => {
          if (openError || !stream) return reject(openError ?? new Error("unreadable entry"));
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            parts.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(parts));
      zip.readEntry();
    });
  });
}

export function zipParts(parts: ReadonlyMap<string, string | Buffer>, extra: ZipEntrySpec[] = []) {
  return buildZip([...[...parts].map(([name, content]) => ({ name, content })), ...extra]);
}
