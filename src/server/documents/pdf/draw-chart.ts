import { rgb } from "pdf-lib";
import type { ChartSpec } from "../../../core/documents/report-blocks";
import { ownBytes } from "./own-bytes";
import {
  BLACK,
  GREY,
  TEXT_BLOCK,
  baselineIn,
  drawable,
  textWidth,
  type PageWriter,
} from "./page-writer";

export type RenderChart = (chart: ChartSpec) => Promise<Buffer>;

const TITLE_SIZE = 14;
const TITLE_LEADING = 26;
const LABEL_SIZE = 10.5;
const BAR_ROW = 18;
const LABEL_WIDTH = 120;
const VALUE_WIDTH = 70;
const BAR_FILL = rgb(0.2, 0.4, 0.7);
const REFERENCE = rgb(0.8, 0.1, 0.1);
/** A rendered chart is at most this tall, so a page keeps some text around it. */
const MAX_IMAGE_HEIGHT = 300;

function valueLabel(value: number, unit: string): string {
  return Number.isFinite(value) ? `${Number(value.toFixed(2))}${unit}` : "—";
}

/** The chart as horizontal bars drawn with the page's own lines, when no renderer is given. */
function drawBars(writer: PageWriter, chart: ChartSpec): void {
  const { regular } = writer.fonts;
  const values = chart.values.map((value) => (Number.isFinite(value) ? value : 0));
  const reference =
    chart.reference && Number.isFinite(chart.reference.value) ? chart.reference : null;
  const max = Math.max(0, ...values, reference?.value ?? 0);
  const scaleMax = max > 0 ? max : 1;
  const barLeft = TEXT_BLOCK.left + LABEL_WIDTH;
  const barSpan = TEXT_BLOCK.width - LABEL_WIDTH - VALUE_WIDTH;
  const rows = chart.categories.length;
  // Many categories share one page's height rather than run past its bottom.
  const row = Math.min(BAR_ROW, (TEXT_BLOCK.top - TEXT_BLOCK.bottom - 2 * BAR_ROW) / rows);
  const labelSize = Math.min(LABEL_SIZE, row * 0.6);
  const height = rows * row + (reference ? row : 0) + 6;
  writer.ensure(height);
  const page = writer.current;
  const top = writer.y;
  chart.categories.forEach((category, index) => {
    const rowTop = top - index * row;
    const baseline = baselineIn(rowTop, row, labelSize);
    const label = writer.wrap(category, regular, labelSize, LABEL_WIDTH - 6)[0] ?? "";
    page.drawText(drawable(label), {
      x: barLeft - 6 - textWidth(regular, drawable(label), labelSize),
      y: baseline,
      size: labelSize,
      font: regular,
      color: BLACK,
    });
    const value = values[index] ?? 0;
    const barWidth = Math.max(0, (value / scaleMax) * barSpan);
    page.drawRectangle({
      x: barLeft,
      y: rowTop - row * 0.78,
      width: barWidth,
      height: row * 0.55,
      color: BAR_FILL,
    });
    page.drawText(valueLabel(chart.values[index] ?? Number.NaN, chart.unit), {
      x: barLeft + barWidth + 4,
      y: baseline,
      size: labelSize,
      font: regular,
      color: BLACK,
    });
  });
  page.drawLine({
    start: { x: barLeft, y: top },
    end: { x: barLeft, y: top - rows * row },
    thickness: 0.6,
    color: GREY,
  });
  if (reference) {
    const x = barLeft + (reference.value / scaleMax) * barSpan;
    page.drawLine({
      start: { x, y: top },
      end: { x, y: top - rows * row },
      thickness: 1,
      color: REFERENCE,
      dashArray: [4, 3],
    });
    const text = drawable(`${reference.label}：${valueLabel(reference.value, chart.unit)}`);
    page.drawText(text, {
      x: Math.min(x, TEXT_BLOCK.right - textWidth(regular, text, labelSize)),
      y: baselineIn(top - rows * row, row, labelSize),
      size: labelSize,
      font: regular,
      color: REFERENCE,
    });
  }
  writer.consume(height);
}

/** The chart's PNG (from the renderer) scaled to the text block's width. */
async function drawImage(writer: PageWriter, png: Buffer): Promise<boolean> {
  const image = await writer.doc.embedPng(ownBytes(png)).catch(() => null);
  if (!image) return false;
  const scale = Math.min(TEXT_BLOCK.width / image.width, MAX_IMAGE_HEIGHT / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  writer.ensure(height);
  writer.current.drawImage(image, {
    x: TEXT_BLOCK.left + (TEXT_BLOCK.width - width) / 2,
    y: writer.y - height,
    width,
    height,
  });
  writer.consume(height);
  return true;
}

/**
 * A chart: the renderer's image when given (its title is drawn in the picture), otherwise
 * the title and horizontal bars drawn here.
 */
export async function drawChart(
  writer: PageWriter,
  chart: ChartSpec,
  renderChart: RenderChart | undefined,
): Promise<void> {
  if (chart.categories.length === 0) return;
  const png = renderChart ? await renderChart(chart).catch(() => null) : null;
  if (!(png && (await drawImage(writer, png)))) {
    // No renderer, or it failed: a chart the page draws itself beats a volume that fails.
    // The title stays on the page of its bars.
    writer.ensure(TITLE_LEADING + Math.min(3, chart.categories.length) * BAR_ROW);
    writer.paragraph(chart.title, {
      font: writer.fonts.bold,
      size: TITLE_SIZE,
      leading: TITLE_LEADING,
      align: "center",
    });
    drawBars(writer, chart);
  }
  writer.gap(BAR_ROW);
}
