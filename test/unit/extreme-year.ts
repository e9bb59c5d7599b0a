import fc from "fast-check";
import type { Doc } from "../support/factories";

/**
 * Valid framework + data pairs whose every number may sit at the ends of the doubles:
 * ±1.7e308, subnormals down to 5e-324, 0 and −0, beside ordinary figures; up to 40
 * regions, weights and populations of any positive size, formulas that multiply and
 * divide such figures. For the promise that no NaN or infinity leaves the scorer.
 */
const MAX = Number.MAX_VALUE;
const ELEMENTS = ["A", "B", "C", "D", "E"];

const EDGES = [MAX, -MAX, 1e308, -1e308, 1e200, 1e-200, 5e-324, -5e-324, 2.2e-308, 0, -0, 1];

/** Any finite double, leaning towards the extremes. */
const anyFinite = fc.oneof(
  fc.constantFrom(...EDGES),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1000, max: 1000, noNaN: true }),
);

/** Any finite double > 0, leaning towards the extremes. */
const positive = fc.oneof(
  fc.constantFrom(MAX, 1e308, 1e200, 1, 1e-200, 2.2e-308, 5e-324),
  fc.double({ min: Number.MIN_VALUE, max: MAX, noNaN: true }),
  fc.double({ min: 0.5, max: 1000, noNaN: true }),
);

/** A number as the formula grammar writes it: no sign, digits with an exponent. */
const literal = fc
  .oneof(fc.constantFrom(...EDGES), fc.double({ noNaN: true, noDefaultInfinity: true }))
  .map((value) => String(Math.abs(value)));

const formula: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...ELEMENTS),
    literal,
    fc
      .tuple(tie("expr"), fc.constantFrom("+", "-", "*", "/"), tie("expr"))
      .map(([left, op, right]) => `(${left} ${op} ${right})`),
    tie("expr").map((operand) => `-${operand}`),
    tie("expr").map((operand) => `abs(${operand})`),
    fc
      .tuple(fc.constantFrom("min", "max"), fc.array(tie("expr"), { minLength: 1, maxLength: 3 }))
      .map(([fn, args]) => `${fn}(${args.join(", ")})`),
  ),
})).expr;

const distinctPair = fc.tuple(anyFinite, anyFinite).filter(([from, to]) => from !== to);

const rule = fc.oneof(
  positive.map((target) => ({ type: "ratio", target })),
  positive.map((target) => ({ type: "inverse", target })),
  anyFinite.map((target) => ({ type: "atLeast", target })),
  anyFinite.map((target) => ({ type: "atMost", target })),
  distinctPair.map(([from, to]) => ({ type: "linear", from, to })),
  fc
    .uniqueArray(anyFinite, { minLength: 1, maxLength: 4, comparator: (a, b) => a === b })
    .chain((mins) =>
      fc.tuple(...mins.map(() => fc.double({ min: 0, max: 1, noNaN: true }))).map((rs) => ({
        type: "bands",
        bands: mins.map((min, index) => ({ min, r: rs[index]! })),
      })),
    ),
  fc
    .tuple(fc.oneof(fc.constant(0), positive), positive)
    .filter(([target, max]) => target < max)
    .map(([target, max]) => ({ type: "cv", target, max })),
);

const workItem = fc
  .record({
    criteria: fc.array(positive, { minLength: 1, maxLength: 3 }),
    shares: fc.option(
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
    ),
  })
  .filter(({ criteria }) => Number.isFinite(criteria.reduce((sum, points) => sum + points, 0)));

const satisfaction = fc.option(
  fc.oneof(
    anyFinite,
    fc.record({
      items: fc
        .array(fc.record({ score: anyFinite, weight: positive }), { minLength: 1, maxLength: 4 })
        .map((items) => items.map((item, index) => ({ code: `S${index + 1}`, ...item }))),
    }),
  ),
);

export const extremeYearArbitrary = fc
  .record({
    aggregations: fc.array(fc.constantFrom("sum", "mean", "popmean"), {
      minLength: ELEMENTS.length,
      maxLength: ELEMENTS.length,
    }),
    indicators: fc.array(fc.record({ weight: positive, formula, rule }), {
      minLength: 1,
      maxLength: 8,
    }),
    workItems: fc.array(workItem, { maxLength: 3 }),
    partWeights: fc.tuple(positive, positive, positive),
    scale: positive,
    regions: fc.array(
      fc.record({ population: fc.option(positive, { freq: 4 }), group: fc.constantFrom("u", "r") }),
      { minLength: 2, maxLength: 40 },
    ),
    groups: fc.boolean(),
    values: fc.dictionary(
      fc.constantFrom(...ELEMENTS),
      fc.record({
        byRegion: fc.array(fc.option(anyFinite, { freq: 5 }), { maxLength: 40 }),
        city: fc.option(anyFinite, { freq: 3 }),
      }),
    ),
    satisfaction,
  })
  .map((spec) => {
    const regions = spec.regions.map((region, index) => ({
      code: `R${index + 1}`,
      name: `地区${index + 1}`,
      ...(region.population === null ? {} : { population: region.population }),
      ...(spec.groups ? { group: region.group } : {}),
    }));
    const values: Record<string, Record<string, number>> = {};
    for (const [element, given] of Object.entries(spec.values)) {
      const byRegion: Record<string, number> = {};
      given.byRegion.slice(0, regions.length).forEach((value, index) => {
        if (value !== null) byRegion[`R${index + 1}`] = value;
      });
      if (given.city !== null) byRegion.city = given.city;
      values[element] = byRegion;
    }
    const workItems = spec.workItems.map((item, index) => ({
      code: `W${index + 1}`,
      name: `工作${index + 1}`,
      domain: "EDU",
      department: "D1",
      points: item.criteria.reduce((sum, points) => sum + points, 0),
      criteria: item.criteria.map((points, c) => ({ code: `C${c + 1}`, text: "细则", points })),
    }));
    const work: Record<string, Record<string, number>> = {};
    spec.workItems.forEach((item, index) => {
      if (item.shares === null) return;
      work[`W${index + 1}`] = Object.fromEntries(
        item.criteria.map((points, c) => [`C${c + 1}`, points * item.shares![c]!]),
      );
    });
    const framework: Doc = {
      format: "kaoping/framework@1",
      code: "EXTREME",
      name: "极端数值",
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
          scale: spec.scale,
        },
      ],
      domains: [{ code: "EDU", name: "公共教育" }],
      departments: [
        { code: "D1", name: "一" },
        { code: "D2", name: "二" },
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
        department: index % 2 === 0 ? "D1" : "D2",
        weight: item.weight,
        formula: item.formula,
        rule: item.rule,
      })),
      workItems,
    };
    const data: Doc = {
      format: "kaoping/data@1",
      framework: "EXTREME",
      year: 2025,
      regions,
      values,
      work,
      ...(spec.satisfaction === null ? {} : { satisfaction: spec.satisfaction }),
    };
    return { framework, data };
  });
