/**
 * A refused template (409 or 422, templateRefusalSchema), read for the screen: each
 * refused cell with its problem, how many more were not listed, and each cell changed
 * online since the download with both figures. The answer is checked entry by entry, so
 * a refusal of another shape (e.g. 415 for a file that is no workbook) reads as empty.
 */
import type { TemplateCellError, TemplateConflict } from "../../../contract/template-import";

export interface TemplateProblems {
  cells: TemplateCellError[];
  moreCells: number;
  conflicts: TemplateConflict[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isFigure = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);

const listOf = (value: unknown) => (Array.isArray(value) ? value.filter(isRecord) : []);

export function readRefusal(body: unknown): TemplateProblems {
  if (!isRecord(body)) return { cells: [], moreCells: 0, conflicts: [] };
  const cells = listOf(body.cells).flatMap((entry) =>
    typeof entry.cell === "string" && typeof entry.message === "string"
      ? [{ cell: entry.cell, message: entry.message }]
      : [],
  );
  const conflicts = listOf(body.conflicts).flatMap((entry) =>
    typeof entry.cell === "string" && isFigure(entry.file)
      ? [
          {
            cell: entry.cell,
            stored: isFigure(entry.stored) ? entry.stored : null,
            file: entry.file,
          },
        ]
      : [],
  );
  const more = body.moreCells;
  const moreCells = typeof more === "number" && Number.isInteger(more) && more > 0 ? more : 0;
  return { cells, moreCells, conflicts };
}

export const hasProblems = (problems: TemplateProblems) =>
  problems.cells.length + problems.moreCells + problems.conflicts.length > 0;

/**
 * The problem without the cell it is about: the server writes "指标考评表!F12：不是数字"
 * so the sentence stands alone, and the table already shows the cell in its own column.
 */
export function problemText(entry: TemplateCellError): string {
  for (const separator of ["：", ": "]) {
    const prefix = `${entry.cell}${separator}`;
    if (entry.message.startsWith(prefix) && entry.message.length > prefix.length)
      return entry.message.slice(prefix.length);
  }
  return entry.message;
}

/** The file chooser's filter and the check before sending: the template is an .xlsx. */
export const isXlsxName = (name: string) => /\.xlsx$/i.test(name.trim());
