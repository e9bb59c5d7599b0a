import type { Framework, Lang } from "../../core";

/** Looks up display names and units of a framework's items by code. */
export function frameworkNames(framework: Framework) {
  const doc = framework.doc;
  const names = new Map<string, string>();
  for (const list of [doc.parts, doc.domains, doc.indicators, doc.workItems]) {
    for (const item of list) names.set(item.code, item.name);
  }
  const departments = new Map(
    doc.departments.map((department) => [department.code, department.name]),
  );
  const units = new Map(doc.indicators.map((indicator) => [indicator.code, indicator.unit ?? ""]));
  return {
    name: (code: string) => names.get(code) ?? code,
    department: (code: string) => departments.get(code) ?? code,
    unit: (code: string) => units.get(code) ?? "",
  };
}

export const pick = (lang: Lang, zh: string, en: string) => (lang === "zh" ? zh : en);
