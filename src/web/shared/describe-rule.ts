import type { Lang, Rule } from "../../core";
import { formatNumber, formatWithUnit } from "./format";

/** A bound with its unit: "95%", "6 张"; a percent or per-mille sign is written close. */
const withUnit = (value: number, unit: string | null | undefined) => formatWithUnit(value, unit, 4);

/**
 * A scoring rule in words, so the clerk knows what a figure earns without reading the
 * framework: "≥ 95% 得满分，按完成比例计分". One sentence per rule kind of
 * core/formats/framework-schema.ts.
 */
export function describeRule(rule: Rule, lang: Lang, unit?: string | null): string {
  const zh = lang === "zh";
  switch (rule.type) {
    case "ratio": {
      const target = withUnit(rule.target, unit);
      return zh
        ? `≥ ${target} 得满分，按完成比例计分`
        : `full points at ≥ ${target}; below it, in proportion to the target`;
    }
    case "inverse": {
      const target = withUnit(rule.target, unit);
      return zh
        ? `≤ ${target} 得满分，超出时按 目标值 ÷ 实际值 计分`
        : `full points at ≤ ${target}; above it, target ÷ value`;
    }
    case "atLeast": {
      const target = withUnit(rule.target, unit);
      return zh ? `≥ ${target} 得满分，否则不得分` : `full points at ≥ ${target}, otherwise none`;
    }
    case "atMost": {
      const target = withUnit(rule.target, unit);
      return zh ? `≤ ${target} 得满分，否则不得分` : `full points at ≤ ${target}, otherwise none`;
    }
    case "linear": {
      const from = withUnit(rule.from, unit);
      const to = withUnit(rule.to, unit);
      return zh
        ? `${from} 时不得分，达到 ${to} 得满分，其间按线性比例计分`
        : `no points at ${from}, full points at ${to}, in proportion in between`;
    }
    case "bands": {
      const bands = [...rule.bands].sort((a, b) => b.min - a.min);
      const steps = bands.map((band) => {
        const share = `${formatNumber(band.r * 100, 2)}%`;
        const min = withUnit(band.min, unit);
        return zh ? `≥ ${min} 得 ${share}` : `≥ ${min}: ${share}`;
      });
      return zh
        ? `分档计分：${steps.join("；")}；其余不得分`
        : `in bands: ${steps.join("; ")}; otherwise none`;
    }
    case "cv": {
      const target = formatNumber(rule.target, 4);
      const max = formatNumber(rule.max, 4);
      return zh
        ? `各地区差异（变异系数）≤ ${target} 得满分，≥ ${max} 不得分，其间按线性比例计分`
        : `spread across regions (coefficient of variation) ≤ ${target}: full points; ≥ ${max}: none; in proportion in between`;
    }
  }
}

/** The value that earns full points, for the "target" column: the rule's target in words. */
export function ruleTarget(rule: Rule, unit?: string | null): string {
  switch (rule.type) {
    case "ratio":
    case "atLeast":
      return `≥ ${withUnit(rule.target, unit)}`;
    case "inverse":
    case "atMost":
      return `≤ ${withUnit(rule.target, unit)}`;
    case "linear":
      return rule.to >= rule.from ? `≥ ${withUnit(rule.to, unit)}` : `≤ ${withUnit(rule.to, unit)}`;
    case "bands": {
      const best = rule.bands.reduce((top, band) =>
        band.r > top.r || (band.r === top.r && band.min < top.min) ? band : top,
      );
      return `≥ ${withUnit(best.min, unit)}`;
    }
    case "cv":
      return `CV ≤ ${formatNumber(rule.target, 4)}`;
  }
}
