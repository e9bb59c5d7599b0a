import { describe, expect, it } from "vitest";
import { buildYear, indicator, workItem } from "../../../test/support/factories";
import { scoreYear } from "./score-year";

const twoElements = (aggregation: string) => [
  { code: "A", name: "A", aggregation },
  { code: "B", name: "B", aggregation: "sum" },
];

describe("city value of a data element", () => {
  // Regions R1 (population 100) and R2 (population 300); A = 10 in R1, 30 in R2.
  it.each([
    ["sum", 40],
    ["mean", 20],
    ["popmean", (10 * 100 + 30 * 300) / 400],
  ])("%s over the regions", (aggregation, expected) => {
    const { framework, dataset } = buildYear(
      {
        dataElements: twoElements(aggregation),
        indicators: [indicator({ rule: { type: "ratio", target: 1000 } })],
      },
      { values: { A: { R1: 10, R2: 30 } } },
    );
    expect(scoreYear(framework, dataset).indicators[0]!.value).toBeCloseTo(expected, 12);
  });

  it("uses the city entry over any aggregation", () => {
    const { framework, dataset } = buildYear({}, { values: { A: { R1: 10, R2: 30, city: 55 } } });
    expect(scoreYear(framework, dataset).indicators[0]!.value).toBe(55);
  });

  it("popmean falls back to the plain mean when a region has no population", () => {
    const { framework, dataset } = buildYear(
      { dataElements: twoElements("popmean") },
      {
        regions: [
          { code: "R1", name: "甲", population: 100 },
          { code: "R2", name: "乙" },
        ],
        values: { A: { R1: 10, R2: 30 } },
      },
    );
    expect(scoreYear(framework, dataset).indicators[0]!.value).toBe(20);
  });

  it("aggregates only the regions that have a value", () => {
    const { framework, dataset } = buildYear(
      { dataElements: twoElements("mean") },
      { values: { A: { R2: 30 } } },
    );
    const result = scoreYear(framework, dataset).indicators[0]!;
    expect(result.value).toBe(30);
    expect(result.regions).toEqual({ R2: 30 });
    expect(result.equalization).toBeUndefined();
  });
});

describe("indicator status", () => {
  it("an indicator with no data at all is missing, earns 0 and loses its whole share", () => {
    const { framework, dataset } = buildYear(
      {
        indicators: [indicator(), indicator({ code: "I2", formula: "B" })],
      },
      { values: { A: { R1: 100, R2: 0 } } },
    );
    const result = scoreYear(framework, dataset);
    const missing = result.indicators[1]!;
    expect(missing).toMatchObject({
      status: "missing",
      value: null,
      ratio: 0,
      loss: 0.5,
      regions: {},
    });
    expect(missing.missingInputs).toEqual(["B"]);
    expect(result.scoreExact).toBe(0.5);
  });

  it("a division by zero is an error; regions that divide by zero are left out", () => {
    const { framework, dataset } = buildYear(
      { indicators: [indicator({ formula: "A / B * 100" })] },
      { values: { A: { R1: 5, R2: 7 }, B: { R1: 10, R2: 0, city: 0 } } },
    );
    const result = scoreYear(framework, dataset).indicators[0]!;
    expect(result).toMatchObject({ status: "error", value: null, ratio: 0, regions: { R1: 50 } });
  });

  it("a cv indicator takes the spread of region values, population-weighted", () => {
    // Regions: 2 (pop 100) and 4 (pop 300): mean 3.5, cv = sqrt(0.75) / 3.5 ≈ 0.24744
    const { framework, dataset } = buildYear(
      { indicators: [indicator({ rule: { type: "cv", target: 0.1, max: 0.5 } })] },
      { values: { A: { R1: 2, R2: 4 } } },
    );
    const result = scoreYear(framework, dataset).indicators[0]!;
    const cv = Math.sqrt(0.75) / 3.5;
    expect(result.value).toBeCloseTo(cv, 14);
    expect(result.ratio).toBeCloseTo((0.5 - cv) / 0.4, 14);
    expect(result.equalization?.cv).toBeCloseTo(cv, 14);
  });

  it("a cv indicator with fewer than two regions is missing", () => {
    const { framework, dataset } = buildYear(
      { indicators: [indicator({ rule: { type: "cv", target: 0.1, max: 0.5 } })] },
      { values: { A: { R1: 2, city: 3 } } },
    );
    expect(scoreYear(framework, dataset).indicators[0]).toMatchObject({
      status: "missing",
      ratio: 0,
    });
  });
});

describe("parts and the composite", () => {
  const parts = [
    { code: "IND", name: "指标", weight: 6, kind: "indicators" },
    { code: "WORK", name: "工作", weight: 3, kind: "work" },
    { code: "SAT", name: "满意度", weight: 1, kind: "satisfaction", scale: 100 },
  ];

  it("weights the three kinds of part", () => {
    const { framework, dataset } = buildYear(
      { parts, workItems: [workItem(), workItem({ code: "W2", department: "D2" })] },
      {
        values: { A: { city: 90 } },
        work: { W1: { C1: 6, C2: 2 } },
        satisfaction: {
          items: [
            { code: "S1", score: 80, weight: 0.7 },
            { code: "S2", score: 90, weight: 0.3 },
          ],
        },
      },
    );
    const result = scoreYear(framework, dataset);
    expect(result.parts.map((part) => part.score)).toEqual([0.9, 8 / 20, 0.83]);
    expect(result.scoreExact).toBeCloseTo((6 * 0.9 + 3 * 0.4 + 1 * 0.83) / 10, 14);
    expect(result.workItems.map((item) => item.earned)).toEqual([8, 0]);
    expect(result.workItems[1]!.loss).toBeCloseTo(0.3 * (10 / 20), 14);
    expect(result.partLevelLoss).toBeCloseTo(0.1 * 0.17, 14);
  });

  it("a work part with no work items scores 0 and loses its weight at part level", () => {
    const { framework, dataset } = buildYear(
      { parts: parts.slice(0, 2) },
      { values: { A: { city: 100 } } },
    );
    const result = scoreYear(framework, dataset);
    expect(result.parts[1]).toMatchObject({ code: "WORK", score: 0 });
    expect(result.scoreExact).toBeCloseTo(6 / 9, 14);
    expect(result.partLevelLoss).toBeCloseTo(3 / 9, 14);
  });

  it("missing satisfaction scores 0", () => {
    const { framework, dataset } = buildYear(
      { parts: [parts[0], parts[2]] },
      { values: { A: { city: 100 } } },
    );
    expect(scoreYear(framework, dataset).scoreExact).toBeCloseTo(6 / 7, 14);
  });
});

describe("grade, target, departments and plan", () => {
  const indicators = [
    indicator({ code: "I1", department: "D1", weight: 1 }),
    indicator({
      code: "I2",
      department: "D2",
      weight: 1,
      formula: "B",
      rule: { type: "inverse", target: 10 },
    }),
    indicator({
      code: "I3",
      department: "D2",
      weight: 2,
      formula: "A",
      rule: { type: "atLeast", target: 100 },
    }),
  ];

  it("rounds 0.94996 to 0.9500: grade 良, target met, empty plan", () => {
    const { framework, dataset } = buildYear(
      { indicators: [indicator({ formula: "A", rule: { type: "ratio", target: 1 } })] },
      { values: { A: { city: 0.94996 } } },
    );
    const result = scoreYear(framework, dataset);
    expect(result).toMatchObject({ score: 0.95, grade: "良", meetsTarget: true, plan: [] });
    expect(result.scoreExact).toBe(0.94996);
  });

  it("0.94994 rounds to 0.9499: grade 中 and a plan", () => {
    const { framework, dataset } = buildYear(
      { indicators: [indicator({ formula: "A", rule: { type: "ratio", target: 1 } })] },
      { values: { A: { city: 0.94994 } } },
    );
    const result = scoreYear(framework, dataset);
    expect(result).toMatchObject({ score: 0.9499, grade: "中", meetsTarget: false });
    expect(result.plan).toEqual([
      { code: "I1", kind: "indicator", gain: 1 - 0.94994, needed: 1, current: 0.94994 },
    ]);
  });

  it("orders departments by loss, ties by code, and lists the ones with no loss", () => {
    const { framework, dataset } = buildYear(
      {
        indicators,
        departments: [
          { code: "D2", name: "卫生局" },
          { code: "D1", name: "教育局" },
          { code: "D0", name: "市编办" },
        ],
      },
      { values: { A: { city: 100 }, B: { city: 20 } } },
    );
    const result = scoreYear(framework, dataset);
    // I1 r=1, I2 r=0.5 (loss 0.125), I3 r=1
    expect(result.departments).toEqual([
      { code: "D2", loss: 0.125 },
      { code: "D0", loss: 0 },
      { code: "D1", loss: 0 },
    ]);
  });

  it("the plan takes the largest losses first until they cover the gap", () => {
    const { framework, dataset } = buildYear(
      { indicators },
      { values: { A: { city: 80 }, B: { city: 40 } } },
    );
    const result = scoreYear(framework, dataset);
    // I1: r 0.8 → loss 0.25·0.2 = 0.05; I2: r 0.25 → loss 0.25·0.75 = 0.1875; I3: r 0 → loss 0.5
    expect(result.scoreExact).toBeCloseTo(1 - 0.05 - 0.1875 - 0.5, 14);
    // gap = 0.95 − 0.2625 = 0.6875 = 0.5 + 0.1875: I3 and I2 cover it exactly, I1 is not needed
    expect(result.plan.map((entry) => [entry.code, entry.needed])).toEqual([
      ["I3", 100],
      ["I2", 10],
    ]);
    const nearly = buildYear({ indicators }, { values: { A: { city: 100 }, B: { city: 20 } } });
    const close = scoreYear(nearly.framework, nearly.dataset);
    // only I2 loses (0.25·0.5 = 0.125); the gap is 0.075, so one entry covers it
    expect(close.plan.map((entry) => entry.code)).toEqual(["I2"]);
  });

  it("breaks equal losses in the plan by code", () => {
    const { framework, dataset } = buildYear(
      {
        indicators: [
          indicator({ code: "Z9", formula: "A" }),
          indicator({ code: "A1", formula: "B" }),
        ],
      },
      { values: { A: { city: 50 }, B: { city: 50 } } },
    );
    expect(scoreYear(framework, dataset).plan.map((entry) => entry.code)).toEqual(["A1", "Z9"]);
  });

  it("a score below every grade has no grade", () => {
    const { framework, dataset } = buildYear(
      {
        grades: [
          { name: "良", min: 0.95 },
          { name: "中", min: 0.85 },
        ],
      },
      { values: { A: { city: 10 } } },
    );
    expect(scoreYear(framework, dataset).grade).toBeNull();
  });
});

describe("figures, weights and populations at the ends of the doubles", () => {
  const MAX = Number.MAX_VALUE;
  const cvRule = { type: "cv", target: 0.1, max: 0.5 };

  it("a city sum past the largest double makes the indicator an error, losing its share", () => {
    const { framework, dataset } = buildYear(
      {
        indicators: [
          indicator({ code: "I1", formula: "min(A, 100)" }),
          indicator({ code: "I2", formula: "B" }),
        ],
      },
      { values: { A: { R1: MAX, R2: MAX }, B: { city: 100 } } },
    );
    const result = scoreYear(framework, dataset);
    expect(result.indicators[0]).toMatchObject({
      status: "error",
      value: null,
      ratio: 0,
      loss: 0.5,
      // Each region's own figure is finite: min caps it there.
      regions: { R1: 100, R2: 100 },
    });
    expect(result.scoreExact).toBe(0.5);
  });

  it("the mean and the population-weighted mean of 1.7e308 figures are 1.7e308", () => {
    for (const aggregation of ["mean", "popmean"]) {
      const { framework, dataset } = buildYear(
        {
          dataElements: [
            { code: "A", name: "A", aggregation },
            { code: "B", name: "B" },
          ],
        },
        {
          regions: [
            { code: "R1", name: "甲", population: 1e308 },
            { code: "R2", name: "乙", population: 1.5e308 },
          ],
          values: { A: { R1: MAX, R2: MAX } },
        },
      );
      expect(scoreYear(framework, dataset).indicators[0]).toMatchObject({
        status: "ok",
        value: MAX,
        ratio: 1,
      });
    }
  });

  it("a cv rule over regions with populations of 1e308 takes their shares", () => {
    const { framework, dataset } = buildYear(
      { indicators: [indicator({ rule: cvRule })] },
      {
        regions: [
          { code: "R1", name: "甲", population: 1e308 },
          { code: "R2", name: "乙", population: 1e308 },
        ],
        values: { A: { R1: 2, R2: 4 } },
      },
    );
    // populations 1e308 and 1e308: equal shares, mean 3, cv = 1/3
    const result = scoreYear(framework, dataset).indicators[0]!;
    expect(result.value).toBeCloseTo(1 / 3, 14);
    expect(result.ratio).toBeCloseTo((0.5 - 1 / 3) / 0.4, 14);
  });

  it("part weights, indicator weights and work points of 1e308 weigh as their shares", () => {
    const big = buildYear(
      {
        parts: [
          { code: "IND", name: "指标", weight: 1.5e308, kind: "indicators" },
          { code: "WORK", name: "工作", weight: 0.5e308, kind: "work" },
        ],
        indicators: [
          indicator({ code: "I1", weight: 1e308 }),
          indicator({ code: "I2", weight: 1e308, formula: "B" }),
        ],
        workItems: [
          workItem({
            points: 1.5e308,
            criteria: [
              { code: "C1", text: "一", points: 1e308 },
              { code: "C2", text: "二", points: 0.5e308 },
            ],
          }),
          workItem({
            code: "W2",
            points: 1.5e308,
            criteria: [{ code: "C1", text: "一", points: 1.5e308 }],
          }),
        ],
      },
      { values: { A: { city: 100 }, B: { city: 50 } }, work: { W1: { C1: 1e308, C2: 0.5e308 } } },
    );
    const result = scoreYear(big.framework, big.dataset);
    // indicators: (1 + 0.5) / 2 = 0.75; work: 1.5e308 of 3e308 = 0.5; composite 3/4·0.75 + 1/4·0.5
    expect(result.parts.map((part) => part.score)).toEqual([0.75, 0.5]);
    expect(result.scoreExact).toBe(0.6875);
    expect(result.indicators.map((item) => item.loss)).toEqual([0, 0.1875]);
    expect(result.workItems.map((item) => [item.earned, item.loss])).toEqual([
      [1.5e308, 0],
      [0, 0.125],
    ]);
  });

  it("survey items with weights and scores of 1e308 give their weighted mean", () => {
    const { framework, dataset } = buildYear(
      {
        parts: [
          { code: "IND", name: "指标", weight: 1, kind: "indicators" },
          { code: "SAT", name: "满意度", weight: 1, kind: "satisfaction", scale: 1e308 },
        ],
      },
      {
        values: { A: { city: 100 } },
        satisfaction: {
          items: [
            { code: "S1", score: 1e308, weight: 1e308 },
            { code: "S2", score: 0, weight: 1e308 },
          ],
        },
      },
    );
    expect(scoreYear(framework, dataset).parts[1]!.score).toBe(0.5);
  });

  it("a region or work item coded like an Object.prototype member reads no inherited value", () => {
    const { framework, dataset } = buildYear(
      {
        parts: [
          { code: "IND", name: "指标", weight: 1, kind: "indicators" },
          { code: "WORK", name: "工作", weight: 1, kind: "work" },
        ],
        dataElements: [
          { code: "A", name: "A", aggregation: "mean" },
          { code: "B", name: "B" },
        ],
        workItems: [workItem({ code: "constructor" }), workItem({ code: "toString" })],
      },
      {
        regions: [
          { code: "constructor", name: "甲" },
          { code: "hasOwnProperty", name: "乙" },
          { code: "R3", name: "丙" },
        ],
        values: { A: { R3: 40 } },
      },
    );
    const result = scoreYear(framework, dataset);
    expect(result.indicators[0]).toMatchObject({ status: "ok", value: 40, regions: { R3: 40 } });
    expect(result.workItems.map((item) => [item.earned, item.answered])).toEqual([
      [0, false],
      [0, false],
    ]);
  });
});
