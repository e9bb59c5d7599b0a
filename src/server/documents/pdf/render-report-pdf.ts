import { PDFDocument } from "pdf-lib";
import type { ReportBlock } from "../../../core/documents/report-blocks";
import { embedCjkFonts } from "./cjk-font";
import { setDocumentInfo } from "./document-info";
import { drawBlocks } from "./draw-blocks";
import type { RenderChart } from "./draw-chart";
import { writeOutline } from "./outline";
import { numberPages } from "./page-numbers";
import { PageWriter } from "./page-writer";

export interface ReportPdfOptions {
  renderChart?: RenderChart;
  /** Marks every page "示例" (the report's own notice says why). */
  illustrative?: boolean;
}

/**
 * The self-evaluation report alone as a PDF, drawn from the same blocks as the Word file
 * and the volume's report section: "— n —" on every page, a bookmark per first-level heading.
 */
export async function renderReportPdf(
  blocks: readonly ReportBlock[],
  options: ReportPdfOptions = {},
): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const fonts = await embedCjkFonts(doc);
  const writer = new PageWriter(doc, fonts);
  writer.newPage();
  const anchors = await drawBlocks(writer, blocks, options.renderChart);
  numberPages(doc, {
    font: fonts.regular,
    foreign: new Set(),
    firstNumbered: 0,
    mark: options.illustrative ? "示例（illustrative）" : null,
  });
  writeOutline(
    doc,
    anchors
      .filter((anchor) => anchor.level === 1)
      .map((anchor) => ({ title: anchor.title, page: anchor.page, children: [] })),
  );
  const title = blocks.find((block) => block.kind === "title");
  setDocumentInfo(
    doc,
    title?.kind === "title" ? title.text : "自评报告",
    options.illustrative ?? false,
  );
  const bytes = await doc.save();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
