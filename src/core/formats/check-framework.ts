import { parseFormula } from "../formula/parse";
import { FormulaSyntaxError } from "../formula/tokenize";
import type { Indicator, WorkItem } from "../model";
import { localized, type Localized } from "../text/localized";
import type { FrameworkDoc, IndicatorDef, Part, WorkItemDef } from "./framework-schema";
import type { Path } from "./paths";

export interface PathIssue {
  path: Path;
  message: Localized;
}

export interface FrameworkCheck {
  errors: PathIssue[];
  warnings: PathIssue[];
  indicators: Indicator[];
  workItems: WorkItem[];
}

const TOLERANCE = 1e-9;

function findDuplicates(
  errors: PathIssue[],
  list: readonly { code?: string; name?: string }[],
  listPath: Path,
  key: "code" | "name" = "code",
): void {
  const seen = new Set<string>();
  list.forEach((item, index) => {
    const value = item[key]!;
    if (seen.has(value)) {
      errors.push({
        path: [...listPath, index, key],
        message: localized(
          `重复的${key === "code" ? "代码" : "名称"} ${value}`,
          `duplicate ${key} ${value}`,
        ),
      });
    }
    seen.add(value);
  });
}

function resolvePart(
  item: IndicatorDef | WorkItemDef,
  kind: "indicators" | "work",
  parts: Part[],
  path: Path,
  errors: PathIssue[],
): string {
  const kindName =
    kind === "indicators" ? localized("指标", "indicators") : localized("工作", "work");
  if (item.part !== undefined) {
    const part = parts.find((candidate) => candidate.code === item.part);
    if (!part) {
      errors.push({
        path: [...path, "part"],
        message: localized(`未知的部分 ${item.part}`, `unknown part ${item.part}`),
      });
    } else if (part.kind !== kind) {
      errors.push({
        path: [...path, "part"],
        message: localized(
          `部分 ${item.part} 的类型是 ${part.kind}，不是 ${kind}`,
          `part ${item.part} is of kind ${part.kind}, not ${kind}`,
        ),
      });
    }
    return item.part;
  }
  const candidates = parts.filter((part) => part.kind === kind);
  if (candidates.length !== 1) {
    errors.push({
      path: [...path, "part"],
      message:
        candidates.length === 0
          ? localized(
              `框架没有${kindName.zh}类部分（kind: ${kind}）`,
              `the framework has no part of kind ${kind}`,
            )
          : localized(
              `有多个${kindName.zh}类部分，须写明 part`,
              `there are several parts of kind ${kind}; name one in part`,
            ),
    });
    return "";
  }
  return candidates[0]!.code;
}

function checkRule(indicator: IndicatorDef, path: Path, errors: PathIssue[]): void {
  const rule = indicator.rule;
  const rulePath = [...path, "rule"];
  if (rule.type === "linear" && rule.from === rule.to) {
    errors.push({
      path: [...rulePath, "to"],
      message: localized(
        `linear 规则的 from 与 to 不能相等（均为 ${rule.to}）`,
        `linear rule needs from ≠ to (both ${rule.to})`,
      ),
    });
  }
  if (rule.type === "cv" && !(rule.target < rule.max)) {
    errors.push({
      path: [...rulePath, "max"],
      message: localized(
        `cv 规则要求 target < max（${rule.target} ≥ ${rule.max}）`,
        `cv rule needs target < max (${rule.target} ≥ ${rule.max})`,
      ),
    });
  }
  if (rule.type === "bands") {
    const seen = new Set<number>();
    rule.bands.forEach((band, index) => {
      if (seen.has(band.min)) {
        errors.push({
          path: [...rulePath, "bands", index, "min"],
          message: localized(`分档下限 ${band.min} 重复`, `duplicate band min ${band.min}`),
        });
      }
      seen.add(band.min);
    });
  }
}

function checkReferences(
  item: IndicatorDef | WorkItemDef,
  path: Path,
  doc: FrameworkDoc,
  errors: PathIssue[],
): void {
  if (!doc.domains.some((domain) => domain.code === item.domain)) {
    errors.push({
      path: [...path, "domain"],
      message: localized(`未知的领域 ${item.domain}`, `unknown domain ${item.domain}`),
    });
  }
  if (!doc.departments.some((department) => department.code === item.department)) {
    errors.push({
      path: [...path, "department"],
      message: localized(
        `未知的成员单位 ${item.department}`,
        `unknown department ${item.department}`,
      ),
    });
  }
}

function compileIndicator(
  def: IndicatorDef,
  index: number,
  doc: FrameworkDoc,
  errors: PathIssue[],
): Indicator | undefined {
  const path: Path = ["indicators", index];
  checkReferences(def, path, doc, errors);
  checkRule(def, path, errors);
  const partCode = resolvePart(def, "indicators", doc.parts, path, errors);
  try {
    const compiled = parseFormula(def.formula);
    const known = new Set(doc.dataElements.map((element) => element.code));
    const unknown = compiled.inputs.filter((code) => !known.has(code));
    if (unknown.length > 0) {
      errors.push({
        path: [...path, "formula"],
        message: localized(
          `未知的数据元素 ${unknown.join("、")}`,
          `unknown data element ${unknown.join(", ")}`,
        ),
      });
      return undefined;
    }
    return { ...def, compiled, partCode };
  } catch (error) {
    if (!(error instanceof FormulaSyntaxError)) throw error;
    errors.push({
      path: [...path, "formula"],
      message: localized(
        `第 ${error.pos} 个字符处：${error.detail.zh}`,
        `at position ${error.pos}: ${error.detail.en}`,
      ),
    });
    return undefined;
  }
}

function compileWorkItem(
  def: WorkItemDef,
  index: number,
  doc: FrameworkDoc,
  errors: PathIssue[],
): WorkItem {
  const path: Path = ["workItems", index];
  checkReferences(def, path, doc, errors);
  findDuplicates(errors, def.criteria, [...path, "criteria"]);
  const sum = def.criteria.reduce((total, criterion) => total + criterion.points, 0);
  if (Math.abs(sum - def.points) > TOLERANCE * Math.max(1, def.points)) {
    errors.push({
      path: [...path, "criteria"],
      message: localized(
        `各评分细则分值之和为 ${sum}，与该项分值 ${def.points} 不符`,
        `criteria points add up to ${sum}, not the item's ${def.points} points`,
      ),
    });
  }
  return { ...def, partCode: resolvePart(def, "work", doc.parts, path, errors) };
}

/**
 * Checks everything about a framework that its shape alone cannot say: duplicate
 * codes, references between lists, formulas, rule parameters, criteria totals.
 */
export function checkFramework(doc: FrameworkDoc): FrameworkCheck {
  const errors: PathIssue[] = [];
  const warnings: PathIssue[] = [];
  findDuplicates(errors, doc.parts, ["parts"]);
  findDuplicates(errors, doc.domains, ["domains"]);
  findDuplicates(errors, doc.departments, ["departments"]);
  findDuplicates(errors, doc.dataElements, ["dataElements"]);
  findDuplicates(errors, doc.grades, ["grades"], "name");
  doc.dataElements.forEach((element, index) => {
    if (element.min !== undefined && element.max !== undefined && element.min > element.max) {
      errors.push({
        path: ["dataElements", index, "max"],
        message: localized(
          `上限 max ${element.max} 小于下限 min ${element.min}`,
          `max ${element.max} is below min ${element.min}`,
        ),
      });
    }
  });
  const itemCodes = new Set<string>();
  const sharedCodes = (list: "indicators" | "workItems") =>
    doc[list].forEach((item, index) => {
      if (itemCodes.has(item.code)) {
        errors.push({
          path: [list, index, "code"],
          message: localized(
            `重复的代码 ${item.code}（指标与工作项代码不能重复）`,
            `duplicate code ${item.code} (indicators and work items share codes)`,
          ),
        });
      }
      itemCodes.add(item.code);
    });
  sharedCodes("indicators");
  sharedCodes("workItems");

  doc.grades.forEach((grade, index) => {
    const previous = doc.grades[index - 1];
    if (previous && !(grade.min < previous.min)) {
      errors.push({
        path: ["grades", index, "min"],
        message: localized(
          `等级须从高到低排列（${grade.name} 的 min ${grade.min} 不低于上一等级的 ${previous.min}）`,
          `grades must be listed highest first (${grade.name} min ${grade.min} is not below ${previous.min})`,
        ),
      });
    }
  });

  const satisfactionParts = doc.parts.filter((part) => part.kind === "satisfaction");
  doc.parts.forEach((part, index) => {
    if (part.kind === "satisfaction" && part.scale === undefined) {
      errors.push({
        path: ["parts", index, "scale"],
        message: localized(
          "满意度部分须给出 scale（如 100）",
          "a satisfaction part needs a scale (e.g. 100)",
        ),
      });
    }
    if (
      part.kind === "satisfaction" &&
      satisfactionParts.length > 1 &&
      part !== satisfactionParts[0]
    ) {
      errors.push({
        path: ["parts", index, "kind"],
        message: localized("只能有一个满意度部分", "there can be only one satisfaction part"),
      });
    }
  });

  const indicators = doc.indicators
    .map((def, index) => compileIndicator(def, index, doc, errors))
    .filter((indicator): indicator is Indicator => indicator !== undefined);
  const workItems = doc.workItems.map((def, index) => compileWorkItem(def, index, doc, errors));

  doc.parts.forEach((part, index) => {
    const filled =
      part.kind === "satisfaction" ||
      (part.kind === "indicators" ? indicators : workItems).some(
        (item) => item.partCode === part.code,
      );
    if (!filled) {
      warnings.push({
        path: ["parts", index],
        message: localized(
          `该部分没有任何考评项目，得分将为 0`,
          `this part has no items; it will score 0`,
        ),
      });
    }
  });
  return { errors, warnings, indicators, workItems };
}
