import { roundHalfAwayFromZero } from "../scoring/round";
import { formatScore, formatValue, subHeadingOrdinal } from "./chinese-format";
import type { ReportBlock, TableColumn } from "./report-blocks";
import type { PayloadIndicator, ReportPayload } from "./report-payload";

/**
 * 指标考评表 and 工作测评表 as table blocks for the bound volume: the same figures as the
 * Excel tables (加权得分 = 权重 × 得分率, totals below), ratios and points to four decimals.
 */

export const INDICATOR_TABLE_TITLE = "指标考评表";
export const WORK_TABLE_TITLE = "工作测评表";

const INDICATOR_COLUMNS: TableColumn[] = [
  { title: "序号", width: 0.9, align: "center" },
  { title: "指标", width: 4.2 },
  { title: "单位", width: 1.2, align: "center" },
  { title: "权重", width: 1.1, align: "right" },
  { title: "实际值", width: 1.6, align: "right" },
  { title: "目标值", width: 1.6, align: "right" },
  { title: "得分率", width: 1.4, align: "right" },
  { title: "加权得分", width: 1.5, align: "right" },
];

const WORK_COLUMNS: TableColumn[] = [
  { title: "序号", width: 0.9, align: "center" },
  { title: "项目", width: 6.5 },
  { title: "分值", width: 1.6, align: "right" },
  { title: "得分", width: 1.6, align: "right" },
];

/** Sums of many 4-decimal figures drift in binary; the total is rounded as the scorer rounds. */
function total(values: readonly number[]): number {
  const sum = values.reduce((acc, value) => acc + (Number.isFinite(value) ? value : 0), 0);
  return roundHalfAwayFromZero(sum, 4) + 0;
}

function weighted(indicator: PayloadIndicator): number {
  const points = indicator.weight * indicator.ratio;
  return Number.isFinite(points) ? points : 0;
}

function actualValue(indicator: PayloadIndicator): string {
  if (indicator.status === "error") return "无法计算";
  if (indicator.status === "missing" || indicator.value === null) return "未填报";
  return formatValue(indicator.value);
}

function caption(payload: ReportPayload, name: string): string {
  const unit = payload.department?.name ?? payload.city;
  return `${unit}${payload.year}年度${name}${payload.illustrative ? "（示例）" : ""}`;
}

function indicatorTable(payload: ReportPayload): ReportBlock {
  const rows = payload.indicators.map((indicator, index) => [
    String(index + 1),
    `${indicator.code} ${indicator.name}`,
    indicator.unit ?? "—",
    formatValue(indicator.weight),
    actualValue(indicator),
    formatValue(indicator.needed),
    formatScore(indicator.ratio),
    formatScore(weighted(indicator)),
  ]);
  const weights = total(payload.indicators.map((indicator) => indicator.weight));
  const points = total(payload.indicators.map(weighted));
  rows.push([
    "",
    "合计",
    "",
    formatValue(weights),
    "",
    "",
    formatScore(weights === 0 ? 0 : points / weights),
    formatScore(points),
  ]);
  return {
    kind: "table",
    caption: caption(payload, INDICATOR_TABLE_TITLE),
    columns: INDICATOR_COLUMNS,
    rows,
    emphasis: [rows.length - 1],
  };
}

function workTable(payload: ReportPayload): ReportBlock {
  const rows = payload.workItems.map((item, index) => [
    String(index + 1),
    `${item.code} ${item.name}`,
    formatValue(item.points),
    formatValue(item.earned),
  ]);
  rows.push([
    "",
    "合计",
    formatValue(total(payload.workItems.map((item) => item.points))),
    formatValue(total(payload.workItems.map((item) => item.earned))),
  ]);
  return {
    kind: "table",
    caption: caption(payload, WORK_TABLE_TITLE),
    columns: WORK_COLUMNS,
    rows,
    emphasis: [rows.length - 1],
  };
}

/** The two tables, each under a second-level heading; an empty one says so instead. */
export function volumeTableBlocks(payload: ReportPayload): ReportBlock[] {
  return [
    { kind: "heading", level: 2, text: `${subHeadingOrdinal(1)}${INDICATOR_TABLE_TITLE}` },
    payload.indicators.length === 0
      ? { kind: "paragraph", text: "本单位没有负责的考评指标。", indent: true }
      : indicatorTable(payload),
    { kind: "heading", level: 2, text: `${subHeadingOrdinal(2)}${WORK_TABLE_TITLE}` },
    payload.workItems.length === 0
      ? { kind: "paragraph", text: "本单位没有负责的工作测评项目。", indent: true }
      : workTable(payload),
  ];
}
