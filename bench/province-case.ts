/**
 * A generated province-scale case: one framework with 200 indicators over 300 data
 * elements and 60 work items, and 21 cities' data for 10 regions each. Deterministic
 * (a fixed-seed generator), so runs are comparable.
 */
export interface ProvinceCase {
  framework: Record<string, unknown>;
  cities: Record<string, unknown>[];
}

function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const RULES = [
  (random: () => number) => ({ type: "ratio", target: 80 + 20 * random() }),
  (random: () => number) => ({ type: "inverse", target: 5 + 10 * random() }),
  () => ({ type: "atLeast", target: 85 }),
  () => ({ type: "atMost", target: 5 }),
  () => ({ type: "linear", from: 40, to: 100 }),
  () => ({
    type: "bands",
    bands: [
      { min: 95, r: 1 },
      { min: 80, r: 0.7 },
      { min: 60, r: 0.3 },
    ],
  }),
  () => ({ type: "cv", target: 0.1, max: 0.6 }),
];

export function provinceCase(
  indicatorCount = 200,
  regionCount = 10,
  workItemCount = 60,
  cityCount = 21,
): ProvinceCase {
  const random = generator(2025);
  const elementCount = indicatorCount + 100;
  const elements = Array.from({ length: elementCount }, (_, i) => ({
    code: `E${String(i).padStart(3, "0")}`,
    name: `数据元素${i}`,
    aggregation: i % 3 === 0 ? "mean" : i % 3 === 1 ? "popmean" : "sum",
  }));
  const departments = Array.from({ length: 13 }, (_, i) => ({
    code: `D${i}`,
    name: `成员单位${i}`,
  }));
  const indicators = Array.from({ length: indicatorCount }, (_, i) => {
    const a = elements[i]!.code;
    const b = elements[indicatorCount + (i % 100)]!.code;
    const formula =
      i % 4 === 0
        ? `${a} / ${b} * 100`
        : i % 4 === 1
          ? `min(${a}, 100)`
          : i % 4 === 2
            ? `(${a} + ${b}) / 2`
            : a;
    return {
      code: `I${i}`,
      name: `指标${i}`,
      domain: `DOM${i % 8}`,
      department: `D${i % 13}`,
      weight: 1 + (i % 5),
      formula,
      rule: RULES[i % RULES.length]!(random),
    };
  });
  const workItems = Array.from({ length: workItemCount }, (_, i) => ({
    code: `W${i}`,
    name: `工作${i}`,
    domain: `DOM${i % 8}`,
    department: `D${i % 13}`,
    points: 6,
    criteria: [
      { code: "C1", text: "细则一", points: 3 },
      { code: "C2", text: "细则二", points: 2 },
      { code: "C3", text: "细则三", points: 1 },
    ],
  }));
  const framework = {
    format: "kaoping/framework@1",
    code: "BENCH",
    name: "省级规模基准",
    target: 0.95,
    grades: [
      { name: "优", min: 0.98 },
      { name: "良", min: 0.95 },
      { name: "中", min: 0.85 },
      { name: "差", min: 0 },
    ],
    parts: [
      { code: "IND", name: "指标", weight: 60, kind: "indicators" },
      { code: "WORK", name: "工作", weight: 30, kind: "work" },
      { code: "SAT", name: "满意度", weight: 10, kind: "satisfaction", scale: 100 },
    ],
    domains: Array.from({ length: 8 }, (_, i) => ({ code: `DOM${i}`, name: `领域${i}` })),
    departments,
    dataElements: elements,
    indicators,
    workItems,
  };
  const cities = Array.from({ length: cityCount }, (_, c) => {
    const regions = Array.from({ length: regionCount }, (_, r) => ({
      code: `R${r}`,
      name: `地区${r}`,
      population: 100_000 + Math.floor(random() * 1_500_000),
      group: r < 4 ? "urban" : "rural",
    }));
    const values: Record<string, Record<string, number>> = {};
    for (const element of elements) {
      values[element.code] = Object.fromEntries(
        regions.map((region) => [region.code, 50 + 60 * random()]),
      );
    }
    const work = Object.fromEntries(
      workItems.map((item) => [
        item.code,
        { C1: 3, C2: random() < 0.5 ? 2 : 1, C3: random() < 0.8 ? 1 : 0 },
      ]),
    );
    return {
      format: "kaoping/data@1",
      framework: "BENCH",
      year: 2025,
      city: c,
      regions,
      values,
      work,
      satisfaction: 70 + 20 * random(),
    };
  });
  return { framework, cities };
}
