import type { PDFPage } from "pdf-lib";
import type { ReportBlock } from "../../../core/documents/report-blocks";
import { drawChart, type RenderChart } from "./draw-chart";
import { drawTable } from "./draw-table";
import { BODY_LEADING, BODY_SIZE, BLACK, TEXT_BLOCK, type PageWriter } from "./page-writer";

/** A place a reader may jump to: a heading and the page it is printed on. */
export interface Anchor {
  title: string;
  page: PDFPage;
}

export interface HeadingAnchor extends Anchor {
  level: 1 | 2 | 3;
}

const TITLE_SIZE = 22;
const TITLE_LEADING = 36;
const NOTICE_SIZE = 12;
const NOTICE_LEADING = 20;
const NOTICE_PADDING = 8;
/** Two characters of body text: the first-line indent of a paragraph. */
const PARAGRAPH_INDENT = 2 * BODY_SIZE;

function drawNotice(writer: PageWriter, text: string): void {
  const { regular } = writer.fonts;
  const inner = TEXT_BLOCK.width - 2 * NOTICE_PADDING;
  const lines = text
    .split(/\r?\n/)
    .flatMap((part) => writer.wrap(part, regular, NOTICE_SIZE, inner));
  const height = lines.length * NOTICE_LEADING + 2 * NOTICE_PADDING;
  writer.ensure(height);
  const top = writer.y;
  writer.current.drawRectangle({
    x: TEXT_BLOCK.left,
    y: top - height,
    width: TEXT_BLOCK.width,
    height,
    borderColor: BLACK,
    borderWidth: 1,
  });
  writer.consume(NOTICE_PADDING);
  for (const line of lines) {
    writer.line(line, {
      font: regular,
      size: NOTICE_SIZE,
      leading: NOTICE_LEADING,
      indent: NOTICE_PADDING,
    });
  }
  writer.consume(NOTICE_PADDING);
  writer.gap(BODY_LEADING / 2);
}

function drawSignature(writer: PageWriter, issuer: string, date: string): void {
  const style = { font: writer.fonts.regular, size: BODY_SIZE, leading: BODY_LEADING };
  // Issuer and date are kept together, two blank lines below the text (GB/T 9704 7.3.5).
  writer.ensure(4 * BODY_LEADING);
  writer.gap(2 * BODY_LEADING);
  writer.line(issuer, { ...style, align: "right", indent: 2 * BODY_SIZE });
  writer.line(date, { ...style, align: "right", indent: 4 * BODY_SIZE });
}

/**
 * Draws the report's blocks onto the writer's pages and returns its headings with their
 * pages (for the contents and the bookmarks).
 */
export async function drawBlocks(
  writer: PageWriter,
  blocks: readonly ReportBlock[],
  renderChart: RenderChart | undefined,
): Promise<HeadingAnchor[]> {
  const { regular, bold } = writer.fonts;
  const body = { font: regular, size: BODY_SIZE, leading: BODY_LEADING };
  const anchors: HeadingAnchor[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case "title":
        writer.paragraph(block.text, {
          font: bold,
          size: TITLE_SIZE,
          leading: TITLE_LEADING,
          align: "center",
        });
        if (block.subtitle) writer.paragraph(block.subtitle, { ...body, align: "center" });
        writer.gap(BODY_LEADING / 2);
        break;
      case "heading":
        // A heading is never the last line of a page.
        writer.ensure(2 * BODY_LEADING);
        anchors.push({ title: block.text, level: block.level, page: writer.current });
        writer.paragraph(block.text, { ...body, font: block.level === 1 ? bold : regular });
        break;
      case "paragraph":
        for (const part of block.text.split(/\r?\n/)) {
          writer.paragraph(part, body, block.indent === false ? 0 : PARAGRAPH_INDENT);
        }
        break;
      case "table":
        drawTable(writer, block);
        break;
      case "chart":
        await drawChart(writer, block.chart, renderChart);
        break;
      case "signature":
        drawSignature(writer, block.issuer, block.date);
        break;
      case "notice":
        drawNotice(writer, block.text);
        break;
    }
  }
  return anchors;
}
