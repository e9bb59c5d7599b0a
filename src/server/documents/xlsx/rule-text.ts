import type { Rule } from "../../../core";

function figure(value: number): string {
  return String(value + 0);
}

/** A scoring rule in the words of the province's tables (评分标准). */
export function ruleText(rule: Rule): string {
  switch (rule.type) {
    case "ratio":
      return `指标值÷${figure(rule.target)}，最高得 1`;
    case "inverse":
      return `指标值≤${figure(rule.target)} 得 1，否则 ${figure(rule.target)}÷指标值`;
    case "atLeast":
      return `指标值≥${figure(rule.target)} 得 1，否则得 0`;
    case "atMost":
      return `指标值≤${figure(rule.target)} 得 1，否则得 0`;
    case "linear":
      return `指标值从 ${figure(rule.from)} 到 ${figure(rule.to)} 线性得 0 至 1`;
    case "bands":
      return `分档：${[...rule.bands]
        .sort((a, b) => b.min - a.min)
        .map((band) => `≥${figure(band.min)} 得 ${figure(band.r)}`)
        .join("；")}；低于最低档得 0`;
    case "cv":
      return `各地区变异系数≤${figure(rule.target)} 得 1，≥${figure(rule.max)} 得 0，其间线性`;
  }
}

const AGGREGATION_TEXT = { sum: "合计", mean: "平均", popmean: "按人口加权平均" } as const;

/** How the city figure comes from the regions' (汇总方式). */
export function aggregationText(aggregation: keyof typeof AGGREGATION_TEXT): string {
  return AGGREGATION_TEXT[aggregation];
}
