import { rgb, type PDFFont } from "pdf-lib";
import type { ReportBlock, TableColumn } from "../../../core/documents/report-blocks";
import { BLACK, TEXT_BLOCK, baselineIn, drawable, textWidth, type PageWriter } from "./page-writer";

type TableBlock = Extract<ReportBlock, { kind: "table" }>;

/** 五号 (10.5 pt) in tables, so eight columns fit the 156 mm text block. */
const CELL_SIZE = 10.5;
const CELL_LEADING = 14.5;
const PADDING_X = 3;
const PADDING_Y = 3;
const CAPTION_SIZE = 14;
const CAPTION_LEADING = 26;
const HEADER_FILL = rgb(0.9, 0.9, 0.9);
const BORDER = 0.6;

interface LaidOutRow {
  lines: string[][];
  height: number;
  bold: boolean;
}

function columnWidths(columns: readonly TableColumn[]): number[] {
  const total = columns.reduce((sum, column) => sum + Math.max(column.width, 0.1), 0);
  return columns.map((column) => (TEXT_BLOCK.width * Math.max(column.width, 0.1)) / total);
}

function layOutRow(
  writer: PageWriter,
  cells: readonly string[],
  widths: readonly number[],
  font: PDFFont,
  bold: boolean,
): LaidOutRow {
  const lines = widths.map((width, index) =>
    (cells[index] ?? "")
      .split(/\r?\n/)
      .flatMap((part) => writer.wrap(part, font, CELL_SIZE, width - 2 * PADDING_X)),
  );
  const count = Math.max(1, ...lines.map((cell) => cell.length));
  return { lines, height: count * CELL_LEADING + 2 * PADDING_Y, bold };
}

function drawRow(
  writer: PageWriter,
  row: LaidOutRow,
  columns: readonly TableColumn[],
  widths: readonly number[],
  font: PDFFont,
  fill: boolean,
): void {
  // A row taller than a page is cut to the lines that fit; tables here hold short cells.
  writer.ensure(row.height);
  const page = writer.current;
  const height = Math.min(row.height, writer.remaining());
  const top = writer.y;
  let x = TEXT_BLOCK.left;
  widths.forEach((width, index) => {
    page.drawRectangle({
      x,
      y: top - height,
      width,
      height,
      borderColor: BLACK,
      borderWidth: BORDER,
      ...(fill ? { color: HEADER_FILL } : {}),
    });
    const align = fill ? "center" : (columns[index]?.align ?? "left");
    const maxLines = Math.floor((height - 2 * PADDING_Y) / CELL_LEADING);
    row.lines[index]!.slice(0, maxLines).forEach((line, lineIndex) => {
      const content = drawable(line);
      const lineWidth = textWidth(font, content, CELL_SIZE);
      const textX =
        align === "center"
          ? x + (width - lineWidth) / 2
          : align === "right"
            ? x + width - PADDING_X - lineWidth
            : x + PADDING_X;
      page.drawText(content, {
        x: textX,
        y: baselineIn(top - PADDING_Y - lineIndex * CELL_LEADING, CELL_LEADING, CELL_SIZE),
        size: CELL_SIZE,
        font,
        color: BLACK,
      });
    });
    x += width;
  });
  writer.consume(height);
}

/**
 * A bordered table with its caption above; the header row is repeated at the top of
 * every page the table runs onto, and a row is never split across pages.
 */
export function drawTable(writer: PageWriter, block: TableBlock): void {
  const { regular, bold } = writer.fonts;
  const widths = columnWidths(block.columns);
  const header = layOutRow(
    writer,
    block.columns.map((column) => column.title),
    widths,
    bold,
    true,
  );
  const emphasis = new Set(block.emphasis ?? []);
  const rows = block.rows.map((cells, index) =>
    layOutRow(writer, cells, widths, emphasis.has(index) ? bold : regular, emphasis.has(index)),
  );
  // The caption stays with the header and the first row.
  writer.ensure(CAPTION_LEADING + header.height + (rows[0]?.height ?? 0));
  if (block.caption) {
    writer.paragraph(block.caption, {
      font: bold,
      size: CAPTION_SIZE,
      leading: CAPTION_LEADING,
      align: "center",
    });
  }
  drawRow(writer, header, block.columns, widths, bold, true);
  for (const row of rows) {
    if (row.height > writer.remaining() + 0.01) {
      writer.newPage();
      drawRow(writer, header, block.columns, widths, bold, true);
    }
    drawRow(writer, row, block.columns, widths, row.bold ? bold : regular, false);
  }
  writer.gap(CELL_LEADING);
}
