import { localized, type Localized } from "../../../core";
import type { CellError } from "./read-template";

/** A cell whose figure changed online since the template was downloaded. */
export interface CellConflict {
  cell: string;
  stored: number | null;
  file: number;
}

/**
 * The whole file is refused: some cells (422) or conflicts (409). Carries both
 * languages; the route answers in the request's (contract: templateRefusalSchema).
 */
export class TemplateRefused extends Error {
  constructor(
    readonly status: 409 | 422,
    readonly summary: Localized,
    readonly cells: readonly CellError[],
    readonly moreCells: number,
    readonly conflicts: readonly CellConflict[],
  ) {
    super(summary.en);
  }
}

export function cellsRefused(cells: readonly CellError[], more: number): TemplateRefused {
  const count = cells.length + more;
  return new TemplateRefused(
    422,
    localized(
      `模板中有 ${count} 个单元格不能导入，整个文件未导入：${cells
        .slice(0, 3)
        .map((cell) => cell.message.zh)
        .join("；")}${count > 3 ? "……" : ""}`,
      `${count} cells of the template cannot be imported, so nothing was: ${cells
        .slice(0, 3)
        .map((cell) => cell.message.en)
        .join("; ")}${count > 3 ? "…" : ""}`,
    ),
    cells,
    more,
    [],
  );
}

export function conflictsFound(conflicts: readonly CellConflict[]): TemplateRefused {
  const shown = conflicts
    .slice(0, 3)
    .map((conflict) => conflict.cell)
    .join("、");
  return new TemplateRefused(
    409,
    localized(
      `下载模板后，有 ${conflicts.length} 个单元格的数据已在系统中被修改（${shown}${conflicts.length > 3 ? "等" : ""}），整个文件未导入；请重新下载模板，在最新数据的基础上填写`,
      `${conflicts.length} cells were changed online after the template was downloaded (${shown}${conflicts.length > 3 ? ", …" : ""}); nothing was imported. Download the template again and fill it in from the current figures`,
    ),
    [],
    0,
    conflicts,
  );
}
