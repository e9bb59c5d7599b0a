import { Resvg } from "@resvg/resvg-js";
import { BarChart } from "echarts/charts";
import { GridComponent, MarkLineComponent, TitleComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { ChartSpec } from "../../../core/documents/report-blocks";
import { CHART_FONT_FAMILY, chartFontFile } from "./chart-font";

// Only what a report's bar chart needs, drawn as SVG on the server.
echarts.use([BarChart, GridComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

export interface ChartSize {
  /** Drawing size in CSS pixels (the SVG's size). */
  width?: number;
  height?: number;
  /** How many PNG pixels per CSS pixel; 2 keeps text sharp in print. */
  scale?: number;
  /** Draw the chart's title in the picture (default); off where the page sets it as text. */
  title?: boolean;
}

const DEFAULT_WIDTH = 800;
const DEFAULT_HEIGHT = 400;
const BAR_COLOR = "#2f5597";
const REFERENCE_COLOR = "#c00000";

function finiteOrZero(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

/** Percentages with two decimals, as the report's tables write them; other figures as given. */
function valueLabel(value: number, unit: string): string {
  return `${unit === "%" ? value.toFixed(2) : String(value)}${unit}`;
}

/** Long category names are wrapped, and tilted when there are many of them. */
function categoryLabel(count: number, width: number) {
  const slot = (width - 100) / Math.max(1, count);
  return {
    interval: 0,
    rotate: slot < 60 ? 30 : 0,
    width: slot < 60 ? 120 : Math.max(40, slot - 8),
    overflow: "break" as const,
    fontSize: 12,
  };
}

/** Many bars, or long names, read better lying down: names on the left, one per line. */
export function isHorizontalChart(chart: ChartSpec): boolean {
  return (
    chart.categories.length > HORIZONTAL_FROM_BARS ||
    chart.categories.some((name) => name.length > HORIZONTAL_FROM_NAME_LENGTH)
  );
}

/** A height that gives each lying bar room for its name; the caller's height otherwise. */
export function chartHeightFor(chart: ChartSpec, height: number): number {
  if (!isHorizontalChart(chart)) return height;
  return Math.max(height, 70 + BAR_ROW_HEIGHT * chart.categories.length);
}

const HORIZONTAL_FROM_BARS = 6;
const HORIZONTAL_FROM_NAME_LENGTH = 8;
const BAR_ROW_HEIGHT = 30;

function valueLabelOption(chart: ChartSpec, position: "top" | "right") {
  return {
    show: true,
    position,
    formatter: (params: { value: unknown }) => valueLabel(Number(params.value), chart.unit),
  };
}

function referenceLine(chart: ChartSpec, horizontal: boolean) {
  if (!chart.reference || !Number.isFinite(chart.reference.value)) return {};
  return {
    markLine: {
      silent: true,
      symbol: "none",
      lineStyle: { color: REFERENCE_COLOR, type: "dashed" },
      label: {
        formatter: chart.reference.label,
        color: REFERENCE_COLOR,
        position: "insideEndTop",
      },
      data: [horizontal ? { xAxis: chart.reference.value } : { yAxis: chart.reference.value }],
    },
  };
}

function chartOption(chart: ChartSpec, width: number, withTitle: boolean) {
  const values = chart.values.map(finiteOrZero);
  const horizontal = isHorizontalChart(chart);
  const categoryAxis = horizontal
    ? {
        type: "category",
        data: chart.categories,
        // The first category on top, as in the table above the chart.
        inverse: true,
        axisLabel: {
          interval: 0,
          width: Math.round(width * 0.4),
          overflow: "truncate",
          fontSize: 12,
        },
      }
    : {
        type: "category",
        data: chart.categories,
        axisLabel: categoryLabel(chart.categories.length, width),
      };
  const valueAxis = { type: "value", splitLine: { lineStyle: { color: "#d9d9d9" } } };
  return {
    animation: false,
    backgroundColor: "#ffffff",
    textStyle: { fontFamily: CHART_FONT_FAMILY, color: "#000000" },
    title: {
      show: withTitle,
      text: chart.title,
      left: "center",
      top: 10,
      textStyle: { fontSize: 16 },
    },
    grid: {
      left: 20,
      right: horizontal ? 70 : 40,
      top: withTitle ? 50 : 20,
      bottom: 20,
      // The labels stay inside the picture (what `containLabel` did before ECharts 6).
      outerBoundsMode: "same",
      outerBoundsContain: "axisLabel",
    },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: [
      {
        type: "bar",
        data: values,
        barMaxWidth: horizontal ? 18 : 48,
        itemStyle: { color: BAR_COLOR },
        label: valueLabelOption(chart, horizontal ? "right" : "top"),
        ...referenceLine(chart, horizontal),
      },
    ],
  };
}

/**
 * ECharts names its CSS classes after a process-wide instance counter ("zr7-cls-12"), so
 * the same chart drawn twice would differ; renaming them in order of appearance makes the
 * output depend on the chart alone.
 */
function withStableNames(svg: string): string {
  const names = new Map<string, string>();
  return svg.replace(/zr\d+-[A-Za-z]+-\d+/g, (name) => {
    let stable = names.get(name);
    if (stable === undefined) {
      stable = `chart-cls-${names.size}`;
      names.set(name, stable);
    }
    return stable;
  });
}

/** The chart as SVG text, drawn by ECharts on the server (no DOM, no animation). */
export function chartSvg(chart: ChartSpec, size: ChartSize = {}): string {
  const width = size.width ?? DEFAULT_WIDTH;
  // Lying bars need room for their names unless the caller chose a height.
  const height = size.height ?? chartHeightFor(chart, DEFAULT_HEIGHT);
  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    instance.setOption(chartOption(chart, width, size.title ?? true));
    return withStableNames(instance.renderToSVGString());
  } finally {
    instance.dispose();
  }
}

/** The chart as a PNG, its text set in the bundled Noto Sans SC so Chinese labels render. */
export async function renderChartPng(chart: ChartSpec, size: ChartSize = {}): Promise<Buffer> {
  const width = size.width ?? DEFAULT_WIDTH;
  const scale = size.scale ?? 2;
  const svg = chartSvg(chart, size);
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: [chartFontFile()],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
    },
    fitTo: { mode: "width", value: Math.round(width * scale) },
    background: "#ffffff",
  });
  return Buffer.from(resvg.render().asPng());
}
