import fc from "fast-check";
import type { Doc } from "./factories";

/**
 * Random but valid framework + data pairs for property tests: 1–4 data elements,
 * 1–8 indicators over every rule type, 0–4 work items, 2–5 regions, gaps allowed.
 */
const ELEMENTS = ["A", "B", "C", "D"];
const REGIONS = ["R1", "R2", "R3", "R4", "R5"];

const value = fc.double({ min: -50, max: 500, noNaN: true, noDefaultInfinity: true });

const rule = fc.oneof(
  fc.record({ type: fc.constant("ratio"), target: fc.double({ min: 0.5, max: 200, noNaN: true }) }),
  fc.record({
    type: fc.constant("inverse"),
    target: fc.double({ min: 0.5, max: 200, noNaN: true }),
  }),
  fc.record({
    type: fc.constant("atLeast"),
    target: fc.double({ min: -10, max: 200, noNaN: true }),
  }),
  fc.record({
    type: fc.constant("atMost"),
    target: fc.double({ min: -10, max: 200, noNaN: true }),
  }),
  fc
    .tuple(fc.integer({ min: -100, max: 300 }), fc.integer({ min: 1, max: 200 }), fc.boolean())
    .map(([from, span, up]) => ({ type: "linear", from, to: up ? from + span : from - span })),
  fc.uniqueArray(fc.integer({ min: -50, max: 300 }), { minLength: 1, maxLength: 4 }).chain((mins) =>
    fc.tuple(...mins.map(() => fc.double({ min: 0, max: 1, noNaN: true }))).map((rs) => ({
      type: "bands",
      bands: mins.map((min, index) => ({ min, r: rs[index]! })),
    })),
  ),
  fc
    .tuple(
      fc.double({ min: 0, max: 0.5, noNaN: true }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
    )
    .map(([target, span]) => ({ type: "cv", target, max: target + span })),
);

const formula = fc.oneof(
  fc.constantFrom(...ELEMENTS),
  fc
    .tuple(fc.constantFrom(...ELEMENTS), fc.constantFrom(...ELEMENTS))
    .map(([a, b]) => `${a} / ${b} * 100`),
  fc
    .tuple(fc.constantFrom(...ELEMENTS), fc.constantFrom(...ELEMENTS))
    .map(([a, b]) => `max(${a}, 0) + abs(${b}) / 2`),
);

export const yearArbitrary = fc
  .record({
    indicators: fc.array(
      fc.record({
        weight: fc.double({ min: 0.1, max: 10, noNaN: true }),
        formula,
        rule,
        department: fc.constantFrom("D1", "D2", "D3"),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    workItems: fc.array(
      fc.record({
        criteria: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 3 }),
        department: fc.constantFrom("D1", "D2", "D3"),
        awardedShare: fc.option(
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        ),
      }),
      { maxLength: 4 },
    ),
    regionCount: fc.integer({ min: 2, max: 5 }),
    populations: fc.array(fc.option(fc.integer({ min: 1_000, max: 2_000_000 }), { freq: 5 }), {
      minLength: 5,
      maxLength: 5,
    }),
    groups: fc.boolean(),
    values: fc.dictionary(
      fc.constantFrom(...ELEMENTS),
      fc.dictionary(fc.constantFrom(...REGIONS, "city"), value),
    ),
    aggregations: fc.array(fc.constantFrom("sum", "mean", "popmean"), {
      minLength: 4,
      maxLength: 4,
    }),
    partWeights: fc.tuple(
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 10 }),
    ),
    satisfaction: fc.option(fc.double({ min: 0, max: 120, noNaN: true })),
  })
  .map((spec) => {
    const regions = REGIONS.slice(0, spec.regionCount).map((code, index) => ({
      code,
      name: code,
      ...(spec.populations[index] ? { population: spec.populations[index] } : {}),
      ...(spec.groups ? { group: index % 2 === 0 ? "urban" : "rural" } : {}),
    }));
    const regionCodes = new Set([...regions.map((region) => region.code), "city"]);
    const values: Record<string, Record<string, number>> = {};
    for (const [element, byRegion] of Object.entries(spec.values)) {
      values[element] = Object.fromEntries(
        Object.entries(byRegion).filter(([region]) => regionCodes.has(region)),
      );
    }
    const workItems = spec.workItems.map((item, index) => ({
      code: `W${index + 1}`,
      name: `工作${index + 1}`,
      domain: "EDU",
      department: item.department,
      points: item.criteria.reduce((sum, points) => sum + points, 0),
      criteria: item.criteria.map((points, c) => ({ code: `C${c + 1}`, text: "细则", points })),
    }));
    const work: Record<string, Record<string, number>> = {};
    spec.workItems.forEach((item, index) => {
      if (!item.awardedShare) return;
      work[`W${index + 1}`] = Object.fromEntries(
        item.criteria.map((points, c) => [
          `C${c + 1}`,
          Math.round(points * item.awardedShare![c]! * 2) / 2,
        ]),
      );
    });
    const framework: Doc = {
      format: "kaoping/framework@1",
      code: "PROP",
      name: "性质测试",
      target: 0.95,
      grades: [
        { name: "良", min: 0.95 },
        { name: "差", min: 0 },
      ],
      parts: [
        { code: "IND", name: "指标", weight: spec.partWeights[0], kind: "indicators" },
        { code: "WORK", name: "工作", weight: spec.partWeights[1], kind: "work" },
        {
          code: "SAT",
          name: "满意度",
          weight: spec.partWeights[2],
          kind: "satisfaction",
          scale: 100,
        },
      ],
      domains: [{ code: "EDU", name: "公共教育" }],
      departments: [
        { code: "D1", name: "一" },
        { code: "D2", name: "二" },
        { code: "D3", name: "三" },
      ],
      dataElements: ELEMENTS.map((code, index) => ({
        code,
        name: code,
        aggregation: spec.aggregations[index],
      })),
      indicators: spec.indicators.map((item, index) => ({
        code: `I${index + 1}`,
        name: `指标${index + 1}`,
        domain: "EDU",
        department: item.department,
        weight: item.weight,
        formula: item.formula,
        rule: item.rule,
      })),
      workItems,
    };
    const data: Doc = {
      format: "kaoping/data@1",
      framework: "PROP",
      year: 2025,
      regions,
      values,
      work,
      ...(spec.satisfaction === null ? {} : { satisfaction: spec.satisfaction }),
    };
    return { framework, data };
  });
