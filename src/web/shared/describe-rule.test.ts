import { describe, expect, it } from "vitest";
import type { Rule } from "../../core";
import { ruleSchema } from "../../core/formats/framework-schema";
import { describeRule, ruleTarget } from "./describe-rule";

/** One row per rule kind of the framework format; the table must cover them all. */
const cases: { rule: Rule; unit?: string; zh: string; en: string; target: string }[] = [
  {
    rule: { type: "ratio", target: 95 },
    unit: "%",
    zh: "≥ 95% 得满分，按完成比例计分",
    en: "full points at ≥ 95%; below it, in proportion to the target",
    target: "≥ 95%",
  },
  {
    rule: { type: "inverse", target: 12 },
    unit: "‰",
    zh: "≤ 12‰ 得满分，超出时按 目标值 ÷ 实际值 计分",
    en: "full points at ≤ 12‰; above it, target ÷ value",
    target: "≤ 12‰",
  },
  {
    rule: { type: "atLeast", target: 85 },
    unit: "%",
    zh: "≥ 85% 得满分，否则不得分",
    en: "full points at ≥ 85%, otherwise none",
    target: "≥ 85%",
  },
  {
    rule: { type: "atMost", target: 5 },
    unit: "%",
    zh: "≤ 5% 得满分，否则不得分",
    en: "full points at ≤ 5%, otherwise none",
    target: "≤ 5%",
  },
  {
    rule: { type: "linear", from: 10, to: 0 },
    unit: "%",
    zh: "10% 时不得分，达到 0% 得满分，其间按线性比例计分",
    en: "no points at 10%, full points at 0%, in proportion in between",
    target: "≤ 0%",
  },
  {
    rule: {
      type: "bands",
      bands: [
        { min: 90, r: 0.5 },
        { min: 97, r: 1 },
        { min: 95, r: 0.8 },
      ],
    },
    unit: "%",
    zh: "分档计分：≥ 97% 得 100%；≥ 95% 得 80%；≥ 90% 得 50%；其余不得分",
    en: "in bands: ≥ 97%: 100%; ≥ 95%: 80%; ≥ 90%: 50%; otherwise none",
    target: "≥ 97%",
  },
  {
    rule: { type: "cv", target: 0.1, max: 0.5 },
    unit: "万元/人",
    zh: "各地区差异（变异系数）≤ 0.1 得满分，≥ 0.5 不得分，其间按线性比例计分",
    en: "spread across regions (coefficient of variation) ≤ 0.1: full points; ≥ 0.5: none; in proportion in between",
    target: "CV ≤ 0.1",
  },
];

describe("describeRule", () => {
  it("has a case for every rule kind of the framework format", () => {
    const kinds = ruleSchema.options.map((option) => option.shape.type.value);
    expect(new Set(cases.map((entry) => entry.rule.type))).toEqual(new Set(kinds));
  });

  it.each(cases)("$rule.type reads in Chinese and English", ({ rule, unit, zh, en }) => {
    expect(describeRule(rule, "zh", unit)).toBe(zh);
    expect(describeRule(rule, "en", unit)).toBe(en);
  });

  it.each(cases)("$rule.type names the value for full points", ({ rule, unit, target }) => {
    expect(ruleTarget(rule, unit)).toBe(target);
  });

  it("groups large targets and writes other units apart", () => {
    expect(describeRule({ type: "ratio", target: 12000 }, "zh", "人")).toBe(
      "≥ 12,000 人 得满分，按完成比例计分",
    );
  });
});
