/**
 * A generated framework (kaoping/framework@1) with one large department, for the speed
 * test: GEN reports `elements` data elements in every one of `regions` regions, so its
 * workspace has elements × regions figure cells (28 × 12 = 336 by default). Each
 * indicator is a ratio of two of its elements, as most real indicators are.
 */
export const GENERATED_DEPARTMENT = "GEN";

export interface GeneratedFramework {
  document: Record<string, unknown>;
  regions: { code: string; name: string; population: number; group: string }[];
  elements: string[];
  /** How many figure cells GEN fills: every element in every region. */
  cells: number;
}

export function generateFramework(elementCount = 28, regionCount = 12): GeneratedFramework {
  const elements = Array.from(
    { length: elementCount },
    (_, index) => `GEN_E${String(index + 1).padStart(2, "0")}`,
  );
  const regions = Array.from({ length: regionCount }, (_, index) => ({
    code: `R${String(index + 1).padStart(2, "0")}`,
    name: `测试区${index + 1}`,
    population: 100_000 + index * 25_000,
    group: index % 2 === 0 ? "urban" : "rural",
  }));
  const indicators = [];
  for (let index = 0; index + 1 < elements.length; index += 2) {
    const number = String(index / 2 + 1).padStart(2, "0");
    indicators.push({
      code: `GEN${number}`,
      name: `生成指标${number}`,
      domain: "GENERAL",
      department: GENERATED_DEPARTMENT,
      unit: "%",
      weight: 1,
      formula: `${elements[index + 1]} / ${elements[index]} * 100`,
      rule: { type: "ratio", target: 95 },
    });
  }
  const document = {
    format: "kaoping/framework@1",
    code: "E2E-GENERATED",
    name: "生成的考评办法（示例，仅用于速度测试）",
    target: 0.95,
    grades: [
      { name: "优", min: 0.98 },
      { name: "良", min: 0.95 },
      { name: "中", min: 0.85 },
      { name: "差", min: 0 },
    ],
    parts: [{ code: "IND", name: "指标考评", kind: "indicators", weight: 100 }],
    domains: [{ code: "GENERAL", name: "综合" }],
    departments: [{ code: GENERATED_DEPARTMENT, name: "生成的大部门" }],
    dataElements: elements.map((code, index) => ({
      code,
      name: `数据项${index + 1}`,
      unit: "人",
      aggregation: "sum",
      min: 0,
    })),
    indicators,
  };
  return { document, regions, elements, cells: elements.length * regions.length };
}
