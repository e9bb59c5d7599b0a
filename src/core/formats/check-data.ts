import type { Framework } from "../model";
import { localized } from "../text/localized";
import { boundViolation } from "./bounds";
import type { PathIssue } from "./check-framework";
import type { DataDoc } from "./data-schema";

/** The key under `values.ELEMENT` that holds the city-wide figure. */
export const CITY = "city";

export interface DataCheckOptions {
  /**
   * Whether figures must lie within their element's `min`/`max` (default true). Off only
   * for figures already stored, which a framework without those bounds accepted: they
   * are scored as they are rather than leaving the year without a score.
   */
  checkBounds?: boolean;
}

/**
 * Checks a data document against its framework: every element, region, work item
 * and criterion it names must exist, figures must lie within their element's bounds,
 * and awarded points must lie within the criterion. Reports every problem it finds.
 */
export function checkData(
  doc: DataDoc,
  framework: Framework,
  options: DataCheckOptions = {},
): PathIssue[] {
  const errors: PathIssue[] = [];
  if (doc.framework !== framework.doc.code) {
    errors.push({
      path: ["framework"],
      message: localized(
        `此数据文件对应框架 ${doc.framework}，而不是 ${framework.doc.code}`,
        `this data answers framework ${doc.framework}, not ${framework.doc.code}`,
      ),
    });
    return errors;
  }
  const regionCodes = new Set<string>();
  doc.regions.forEach((region, index) => {
    if (region.code === CITY) {
      errors.push({
        path: ["regions", index, "code"],
        message: localized(
          `“${CITY}”是保留代码，表示全市`,
          `"${CITY}" is reserved for the city-wide value`,
        ),
      });
    } else if (regionCodes.has(region.code)) {
      errors.push({
        path: ["regions", index, "code"],
        message: localized(`重复的地区代码 ${region.code}`, `duplicate region code ${region.code}`),
      });
    }
    regionCodes.add(region.code);
  });

  for (const [code, byRegion] of Object.entries(doc.values)) {
    const element = framework.elements.get(code);
    if (!element) {
      errors.push({
        path: ["values", code],
        message: localized(`未知的数据元素 ${code}`, `unknown data element ${code}`),
      });
      continue;
    }
    for (const [region, value] of Object.entries(byRegion)) {
      if (region !== CITY && !regionCodes.has(region)) {
        errors.push({
          path: ["values", code, region],
          message: localized(`未知的地区 ${region}`, `unknown region ${region}`),
        });
        continue;
      }
      const outside = options.checkBounds === false ? undefined : boundViolation(element, value);
      if (outside) errors.push({ path: ["values", code, region], message: outside });
    }
  }

  const workItems = new Map(framework.workItems.map((item) => [item.code, item]));
  for (const [itemCode, awarded] of Object.entries(doc.work)) {
    const item = workItems.get(itemCode);
    if (!item) {
      errors.push({
        path: ["work", itemCode],
        message: localized(`未知的工作项 ${itemCode}`, `unknown work item ${itemCode}`),
      });
      continue;
    }
    for (const [criterionCode, points] of Object.entries(awarded)) {
      const criterion = item.criteria.find((candidate) => candidate.code === criterionCode);
      if (!criterion) {
        errors.push({
          path: ["work", itemCode, criterionCode],
          message: localized(
            `工作项 ${itemCode} 没有评分细则 ${criterionCode}`,
            `work item ${itemCode} has no criterion ${criterionCode}`,
          ),
        });
      } else if (points < 0 || points > criterion.points) {
        errors.push({
          path: ["work", itemCode, criterionCode],
          message: localized(
            `得分 ${points} 超出范围 0–${criterion.points}`,
            `awarded ${points} is outside 0–${criterion.points}`,
          ),
        });
      }
    }
  }

  if (doc.satisfaction !== undefined) {
    if (!framework.parts.some((part) => part.kind === "satisfaction")) {
      errors.push({
        path: ["satisfaction"],
        message: localized("框架没有满意度部分", "the framework has no satisfaction part"),
      });
    } else if (typeof doc.satisfaction === "object") {
      const seen = new Set<string>();
      doc.satisfaction.items.forEach((item, index) => {
        if (seen.has(item.code)) {
          errors.push({
            path: ["satisfaction", "items", index, "code"],
            message: localized(`重复的代码 ${item.code}`, `duplicate code ${item.code}`),
          });
        }
        seen.add(item.code);
      });
    }
  }
  return errors;
}
