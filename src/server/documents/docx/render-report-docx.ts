import { Document, Header, Packer, Paragraph } from "docx";
import type { ChartSpec, ReportBlock } from "../../../core/documents/report-blocks";
import { chartHeightFor, renderChartPng } from "../charts/render-chart";
import { docxBlock, type ChartImage } from "./docx-blocks";
import { fontTableXml } from "./docx-font-table";
import { FONTS, font, PAGE, PARAGRAPH_STYLES, SIZES } from "./docx-layout";
import { pageNumberFooters } from "./docx-page-number";

export interface ReportDocxOptions {
  /** A line at the top of every page, e.g. that the figures are illustrative. */
  header?: string;
  /** Draws a chart; the server's ECharts renderer unless a caller brings its own. */
  renderChart?: (chart: ChartSpec, size: { width: number; height: number }) => Promise<Buffer>;
}

/** A chart on the page: nearly the text block's width (156 mm ≈ 590 px), half as tall. */
const CHART_WIDTH = 560;
const CHART_HEIGHT = 280;

async function drawCharts(
  blocks: readonly ReportBlock[],
  render: NonNullable<ReportDocxOptions["renderChart"]>,
): Promise<Map<string, ChartImage>> {
  const images = new Map<string, ChartImage>();
  for (const block of blocks) {
    if (block.kind !== "chart" || images.has(block.chart.id)) continue;
    const height = chartHeightFor(block.chart, CHART_HEIGHT);
    const png = await render(block.chart, { width: CHART_WIDTH, height });
    images.set(block.chart.id, { png, width: CHART_WIDTH, height });
  }
  return images;
}

function pageHeader(text: string): Header {
  return new Header({ children: [new Paragraph({ style: "PageHeader", text })] });
}

/**
 * The report as a .docx in the layout of GB/T 9704-2012: A4, the official margins, named
 * paragraph styles (Title, Heading1–3, Body, …), "— n —" page numbers on alternating
 * sides and charts as PNG pictures.
 */
export async function renderReportDocx(
  blocks: ReportBlock[],
  options: ReportDocxOptions = {},
): Promise<Buffer> {
  const charts = await drawCharts(blocks, options.renderChart ?? renderChartPng);
  const children = blocks.flatMap((block, index) =>
    docxBlock(block, (id) => charts.get(id), blocks[index + 1]?.kind === "signature"),
  );
  const header = options.header;
  const document = new Document({
    creator: "Kaoping",
    title: blocks.find((block) => block.kind === "title")?.text ?? "",
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: font(FONTS.body), size: SIZES.body } } },
      paragraphStyles: PARAGRAPH_STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: PAGE.margin,
          },
        },
        ...(header ? { headers: { default: pageHeader(header), even: pageHeader(header) } } : {}),
        footers: pageNumberFooters(),
        children,
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: "word/fontTable.xml", data: fontTableXml() }]);
}
