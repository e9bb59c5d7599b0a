import { loadData, loadFramework, type Dataset, type Framework } from "../../src/core";

/**
 * Builders for small framework and data documents. Every test states only what it
 * cares about and takes the rest from these defaults.
 */
export type Doc = Record<string, unknown>;

export function frameworkDoc(overrides: Doc = {}): Doc {
  return {
    format: "kaoping/framework@1",
    code: "TEST",
    name: "测试框架",
    target: 0.95,
    grades: [
      { name: "优", min: 0.98 },
      { name: "良", min: 0.95 },
      { name: "中", min: 0.85 },
      { name: "差", min: 0 },
    ],
    parts: [{ code: "IND", name: "指标", weight: 1, kind: "indicators" }],
    domains: [{ code: "EDU", name: "公共教育" }],
    departments: [
      { code: "D1", name: "教育局" },
      { code: "D2", name: "卫生局" },
    ],
    dataElements: [
      { code: "A", name: "A", aggregation: "sum" },
      { code: "B", name: "B", aggregation: "sum" },
    ],
    indicators: [indicator()],
    workItems: [],
    ...overrides,
  };
}

export function indicator(overrides: Doc = {}): Doc {
  return {
    code: "I1",
    name: "指标一",
    domain: "EDU",
    department: "D1",
    weight: 1,
    formula: "A",
    rule: { type: "ratio", target: 100 },
    ...overrides,
  };
}

export function workItem(overrides: Doc = {}): Doc {
  return {
    code: "W1",
    name: "工作一",
    domain: "EDU",
    department: "D1",
    points: 10,
    criteria: [
      { code: "C1", text: "第一条", points: 6 },
      { code: "C2", text: "第二条", points: 4 },
    ],
    ...overrides,
  };
}

export function dataDoc(overrides: Doc = {}): Doc {
  return {
    format: "kaoping/data@1",
    framework: "TEST",
    year: 2025,
    regions: [
      { code: "R1", name: "甲区", population: 100, group: "urban" },
      { code: "R2", name: "乙县", population: 300, group: "rural" },
    ],
    values: {},
    ...overrides,
  };
}

export function buildFramework(overrides: Doc = {}): Framework {
  return loadFramework(frameworkDoc(overrides), "framework.yaml").framework;
}

export function buildYear(
  frameworkOverrides: Doc = {},
  dataOverrides: Doc = {},
): { framework: Framework; dataset: Dataset } {
  const framework = buildFramework(frameworkOverrides);
  return { framework, dataset: loadData(dataDoc(dataOverrides), "data.yaml", framework) };
}
