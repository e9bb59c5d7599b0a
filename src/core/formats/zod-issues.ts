import type { z } from "zod";
import { localized, type Localized } from "../text/localized";

const TYPE_NAMES: Record<string, [string, string]> = {
  number: ["数字", "a number"],
  string: ["文字", "a string"],
  array: ["列表", "a list"],
  object: ["对象（键值表）", "an object"],
  record: ["对象（键值表）", "an object"],
  boolean: ["是/否", "true or false"],
  int: ["整数", "an integer"],
};

function describeInput(input: unknown): Localized {
  if (input === undefined) return localized("缺少", "nothing");
  if (input === null) return localized("空值 null", "null");
  if (typeof input === "string") {
    const shown = input.length > 40 ? `${input.slice(0, 40)}…` : input;
    return localized(`文字“${shown}”`, `the string "${shown}"`);
  }
  if (typeof input === "number") return localized(`数字 ${input}`, `the number ${input}`);
  if (Array.isArray(input)) return localized("列表", "a list");
  return localized(typeof input === "object" ? "对象" : typeof input, typeof input);
}

function typeName(expected: string): [string, string] {
  return TYPE_NAMES[expected] ?? [expected, expected];
}

/** Turns one zod issue into a bilingual message an evaluator can act on. */
export function describeZodIssue(issue: z.core.$ZodIssue): Localized {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type": {
      if (input === undefined) return localized("缺少此项（必填）", "is required");
      const [zh, en] = typeName(issue.expected);
      const got = describeInput(input);
      if (issue.expected === "number" && typeof input === "number") {
        return localized("应为有限的数字", "must be a finite number");
      }
      return localized(`应为${zh}，实为${got.zh}`, `expected ${en}, got ${got.en}`);
    }
    case "too_small": {
      if (issue.origin === "array") {
        return localized(`至少需要 ${issue.minimum} 项`, `needs at least ${issue.minimum} item(s)`);
      }
      if (issue.origin === "string") return localized("不能为空", "must not be empty");
      const op = issue.inclusive ? "≥" : ">";
      return localized(`应 ${op} ${issue.minimum}`, `must be ${op} ${issue.minimum}`);
    }
    case "too_big": {
      const op = issue.inclusive ? "≤" : "<";
      return localized(`应 ${op} ${issue.maximum}`, `must be ${op} ${issue.maximum}`);
    }
    case "invalid_value": {
      const allowed = issue.values.map((value) => JSON.stringify(value)).join(" | ");
      const got = describeInput(input);
      return localized(`应为 ${allowed}，实为${got.zh}`, `must be ${allowed}, got ${got.en}`);
    }
    case "invalid_format": {
      if (issue.format === "regex" && String(issue.pattern ?? "").includes("A-Z")) {
        return localized(
          "数据元素代码须由大写字母开头，只含大写字母、数字和下划线（[A-Z][A-Z0-9_]*）",
          "a data-element code must match [A-Z][A-Z0-9_]*",
        );
      }
      return localized("代码不能为空，也不能含空格", "a code must be non-empty and without spaces");
    }
    case "invalid_union": {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      if (discriminator === "type") {
        const given =
          input && typeof input === "object" ? (input as { type?: unknown }).type : input;
        const got = describeInput(given);
        return localized(
          `未知的评分规则类型（${got.zh}）；可用：ratio、inverse、atLeast、atMost、linear、bands、cv`,
          `unknown rule type (${got.en}); known: ratio, inverse, atLeast, atMost, linear, bands, cv`,
        );
      }
      return localized(
        `格式不对：应为数字，或 {items: [{code, score, weight}]}`,
        `invalid value: expected a number or {items: [{code, score, weight}]}`,
      );
    }
    default:
      return localized(`格式不对：${issue.message}`, issue.message);
  }
}
