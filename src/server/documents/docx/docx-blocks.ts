import {
  AlignmentType,
  BorderStyle,
  ImageRun,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type { ReportBlock, TableColumn } from "../../../core/documents/report-blocks";
import { PAGE } from "./docx-layout";

type TableBlock = Extract<ReportBlock, { kind: "table" }>;

/** A chart already drawn as PNG, with its size on the page in pixels (96 per inch). */
export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

const LINE = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
const BORDERS = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};

/** Column widths in twips, scaled to fill the text block. */
function columnWidths(columns: readonly TableColumn[]): number[] {
  const total = columns.reduce((sum, column) => sum + Math.max(0, column.width), 0);
  return columns.map((column) =>
    Math.floor(
      total > 0
        ? (PAGE.textWidth * Math.max(0, column.width)) / total
        : PAGE.textWidth / columns.length,
    ),
  );
}

const SHORT_TABLE_ROWS = 10;

function cell(
  text: string,
  width: number,
  align: TableColumn["align"],
  bold: boolean,
  keepNext: boolean,
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        style: "TableText",
        alignment: ALIGN[align ?? "left"],
        keepNext,
        children: [new TextRun({ text, bold })],
      }),
    ],
  });
}

/** A caption above the table, then the table with a header row repeated on every page. */
function tableBlocks(block: TableBlock, keepWithNext: boolean): (Paragraph | Table)[] {
  const widths = columnWidths(block.columns);
  const emphasis = new Set(block.emphasis ?? []);
  // A short table is kept on one page; a long one breaks, its header row repeated.
  const keepTogether = block.rows.length <= SHORT_TABLE_ROWS;
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map((column, index) =>
      cell(column.title, widths[index]!, "center", true, true),
    ),
  });
  const rows = block.rows.map(
    (row, rowIndex) =>
      new TableRow({
        cantSplit: true,
        children: block.columns.map((column, index) =>
          cell(
            row[index] ?? "",
            widths[index]!,
            column.align,
            emphasis.has(rowIndex),
            // The last row keeps with what follows only when asked (the signature).
            rowIndex < block.rows.length - 1 ? keepTogether : keepWithNext,
          ),
        ),
      }),
  );
  return [
    new Paragraph({ style: "Caption", text: block.caption }),
    new Table({
      width: { size: PAGE.textWidth, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      borders: BORDERS,
      rows: [header, ...rows],
    }),
    // Word needs a paragraph between a table and what follows; it also gives air.
    new Paragraph({ style: "TableText", text: "", keepNext: keepWithNext }),
  ];
}

/**
 * One block as Word paragraphs and tables. Charts come already drawn (`chartImage` by the
 * chart's id), so this stays synchronous and simple.
 */
export function docxBlock(
  block: ReportBlock,
  chartImage: (id: string) => ChartImage | undefined,
  /** Keep with what follows, e.g. the last paragraph with the signature under it. */
  keepWithNext = false,
): (Paragraph | Table)[] {
  switch (block.kind) {
    case "title":
      return [
        new Paragraph({ style: "Title", text: block.text }),
        ...(block.subtitle ? [new Paragraph({ style: "Subtitle", text: block.subtitle })] : []),
      ];
    case "heading":
      return [new Paragraph({ style: `Heading${block.level}`, text: block.text })];
    case "paragraph":
      return [
        new Paragraph({
          style: "Body",
          text: block.text,
          keepNext: keepWithNext,
          ...(block.indent === false ? { indent: { firstLine: 0, firstLineChars: 0 } } : {}),
        }),
      ];
    case "notice":
      return [new Paragraph({ style: "Notice", text: block.text })];
    case "table":
      return tableBlocks(block, keepWithNext);
    case "chart": {
      const image = chartImage(block.chart.id);
      if (!image) return [new Paragraph({ style: "Caption", text: block.chart.title })];
      // The picture carries its own title, so no caption is set under it.
      return [
        new Paragraph({
          style: "Figure",
          children: [
            new ImageRun({
              type: "png",
              data: image.png,
              transformation: { width: image.width, height: image.height },
              altText: {
                name: block.chart.id,
                title: block.chart.title,
                description: block.chart.title,
              },
            }),
          ],
        }),
      ];
    }
    case "signature":
      // The signature never stands alone on a page: it keeps with the text above it.
      return [
        new Paragraph({ style: "Body", text: "", keepNext: true }),
        new Paragraph({ style: "Body", text: "", keepNext: true }),
        new Paragraph({ style: "Signature", text: block.issuer, keepNext: true }),
        new Paragraph({ style: "Signature", text: block.date }),
      ];
  }
}
