import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildFramework, indicator, workItem } from "../../../test/support/factories";
import { blockingChecks, submissionChecks, type CheckInput, type Figure } from "./checks";

/**
 * D1 reads A (plausible 0–100) and B through two indicators, I1 requiring evidence;
 * D2 reads C. Each has one work item.
 */
const FRAMEWORK = buildFramework({
  parts: [
    { code: "IND", name: "指标", weight: 0.7, kind: "indicators" },
    { code: "WORK", name: "工作", weight: 0.3, kind: "work" },
  ],
  dataElements: [
    { code: "A", name: "甲数", aggregation: "sum", plausible: { min: 0, max: 100 } },
    { code: "B", name: "乙数", aggregation: "sum" },
    { code: "C", name: "丙数", aggregation: "sum" },
  ],
  indicators: [
    indicator({ code: "I1", formula: "A", evidence: ["文件"] }),
    indicator({ code: "I2", formula: "B" }),
    indicator({ code: "I3", department: "D2", formula: "C" }),
  ],
  workItems: [workItem({ code: "W1" }), workItem({ code: "W2", department: "D2" })],
  checks: { changePercent: 30 },
});

const REGIONS = [
  { code: "R1", name: "甲区" },
  { code: "R2", name: "乙县" },
];

type Figures = Record<string, Record<string, number | [number, string]>>;

function figures(table: Figures): Map<string, Map<string, Figure>> {
  return new Map(
    Object.entries(table).map(([element, byRegion]) => [
      element,
      new Map(
        Object.entries(byRegion).map(([region, entry]) => [
          region,
          Array.isArray(entry) ? { value: entry[0], note: entry[1] } : { value: entry, note: null },
        ]),
      ),
    ]),
  );
}

const lastYear = (table: Record<string, Record<string, number>>) =>
  new Map(Object.entries(table).map(([element, row]) => [element, new Map(Object.entries(row))]));

/** A D1 hand-in with nothing to complain about; each test changes what it is about. */
function input(overrides: Partial<CheckInput> = {}): CheckInput {
  return {
    framework: FRAMEWORK,
    department: "D1",
    regions: REGIONS,
    figures: figures({ A: { R1: 50, R2: 60 }, B: { R1: 1, R2: 2 } }),
    lastYear: lastYear({ A: { R1: 50, R2: 60 }, B: { R1: 1, R2: 2 } }),
    evidence: new Set(["indicator:I1"]),
    answered: new Set(["W1"]),
    ...overrides,
  };
}

const ids = (overrides: Partial<CheckInput>) => submissionChecks(input(overrides)).map((c) => c.id);

describe("the checks before submitting", () => {
  it("finds nothing in a complete, plausible, steady hand-in", () => {
    expect(submissionChecks(input())).toEqual([]);
  });

  it.each<[string, Partial<CheckInput>, string[]]>([
    [
      "a region without a figure",
      { figures: figures({ A: { R1: 50 }, B: { R1: 1, R2: 2 } }) },
      ["missing_figures:dataElement:A:"],
    ],
    [
      "an element without any figure",
      { figures: figures({ A: { R1: 50, R2: 60 } }) },
      ["missing_figures:dataElement:B:"],
    ],
    [
      "an element entered only city-wide is complete",
      { figures: figures({ A: { city: 55 }, B: { R1: 1, R2: 2 } }) },
      [],
    ],
    [
      "a city figure and one region: the other region is missing",
      { figures: figures({ A: { city: 55, R1: 50 }, B: { R1: 1, R2: 2 } }) },
      ["missing_figures:dataElement:A:"],
    ],
    [
      "evidence missing for an indicator that requires it",
      { evidence: new Set() },
      ["missing_evidence:indicator:I1:"],
    ],
    [
      "evidence on the indicator's data element counts for the indicator",
      { evidence: new Set(["dataElement:A"]) },
      [],
    ],
    [
      "evidence on another department's element does not count",
      { evidence: new Set(["dataElement:C"]) },
      ["missing_evidence:indicator:I1:"],
    ],
    ["a work item unanswered", { answered: new Set() }, ["unanswered_work:workItem:W1:"]],
    [
      "a figure above its plausible range",
      { figures: figures({ A: { R1: 101, R2: 60 }, B: { R1: 1, R2: 2 } }), lastYear: undefined },
      ["implausible_figure:dataElement:A:R1"],
    ],
    [
      "a figure below its plausible range",
      { figures: figures({ A: { R1: 50, R2: -1 }, B: { R1: 1, R2: 2 } }), lastYear: undefined },
      ["implausible_figure:dataElement:A:R2"],
    ],
    [
      "a figure exactly at the range's ends",
      { figures: figures({ A: { R1: 0, R2: 100 }, B: { R1: 1, R2: 2 } }), lastYear: undefined },
      [],
    ],
    [
      "a change of exactly 30 %",
      { figures: figures({ A: { R1: 65, R2: 42 }, B: { R1: 1, R2: 2 } }) },
      [],
    ],
    [
      "a change just above 30 %, up and down",
      { figures: figures({ A: { R1: 65.01, R2: 41.99 }, B: { R1: 1, R2: 2 } }) },
      ["large_change:dataElement:A:R1", "large_change:dataElement:A:R2"],
    ],
    [
      "a large change with a note",
      { figures: figures({ A: { R1: [90, "新建学校"], R2: 60 }, B: { R1: 1, R2: 2 } }) },
      [],
    ],
    [
      "a large change with a blank note",
      { figures: figures({ A: { R1: [90, "  "], R2: 60 }, B: { R1: 1, R2: 2 } }) },
      ["large_change:dataElement:A:R1"],
    ],
    [
      "0 → non-zero",
      {
        figures: figures({ A: { R1: 50, R2: 60 }, B: { R1: 3, R2: 2 } }),
        lastYear: lastYear({ B: { R1: 0 } }),
      },
      ["large_change:dataElement:B:R1"],
    ],
    [
      "0 → 0",
      {
        figures: figures({ A: { R1: 50, R2: 60 }, B: { R1: 0, R2: 2 } }),
        lastYear: lastYear({ B: { R1: 0 } }),
      },
      [],
    ],
    [
      "a figure without last year's",
      {
        figures: figures({ A: { R1: 50, R2: 60 }, B: { R1: 100, R2: 2 } }),
        lastYear: lastYear({}),
      },
      [],
    ],
  ])("%s", (_name, overrides, expected) => {
    expect(ids(overrides)).toEqual(expected);
  });

  it("marks missing figures, evidence and answers as errors, range and change as warnings", () => {
    const checks = submissionChecks(
      input({
        figures: figures({ A: { R1: 200, R2: 60 } }),
        evidence: new Set(),
        answered: new Set(),
      }),
    );
    expect(checks.map((check) => [check.code, check.severity])).toEqual([
      ["implausible_figure", "warning"],
      ["large_change", "warning"],
      ["missing_figures", "error"],
      ["missing_evidence", "error"],
      ["unanswered_work", "error"],
    ]);
  });

  it("names the regions missing and the change in Chinese and English", () => {
    const [missing] = submissionChecks(input({ figures: figures({ A: {}, B: { R1: 1, R2: 2 } }) }));
    expect(missing!.message.zh).toBe("甲数（A）缺少 2 个数据：甲区、乙县");
    expect(missing!.message.en).toContain("lacks 2 figure(s)");
    const [zero] = submissionChecks(
      input({
        figures: figures({ A: { R1: 50, R2: 60 }, B: { R1: 3, R2: 2 } }),
        lastYear: lastYear({ B: { R1: 0 } }),
      }),
    );
    expect(zero!.message.zh).toContain("由 0 变为非 0");
    expect(zero!.message.zh).toContain("乙数·甲区");
  });

  it("looks only at the department's own items", () => {
    expect(
      ids({
        department: "D2",
        figures: figures({ C: { R1: 1, R2: 1 } }),
        answered: new Set(["W2"]),
      }),
    ).toEqual([]);
    expect(ids({ department: "D2", figures: new Map(), answered: new Set() })).toEqual([
      "missing_figures:dataElement:C:",
      "unanswered_work:workItem:W2:",
    ]);
  });

  it("expects the city figure in a year without regions", () => {
    expect(ids({ regions: [], figures: figures({ A: { city: 5 } }), lastYear: undefined })).toEqual(
      ["missing_figures:dataElement:B:"],
    );
  });

  it("honours the framework's own threshold", () => {
    const strict = buildFramework({
      dataElements: [{ code: "A", name: "甲数", aggregation: "sum" }],
      indicators: [indicator({ code: "I1", formula: "A" })],
      checks: { changePercent: 10 },
    });
    const run = (value: number) =>
      submissionChecks(
        input({
          framework: strict,
          figures: figures({ A: { R1: value, R2: 60 } }),
          lastYear: lastYear({ A: { R1: 50, R2: 60 } }),
          answered: new Set(),
        }),
      ).map((check) => check.code);
    expect(run(55)).toEqual([]);
    expect(run(56)).toEqual(["large_change"]);
  });

  it.each([
    // The difference overflows: divided first, it is still 200 %.
    [-1e308, 1e308, "200.0%"],
    // The ratio itself is too large to write: put in words, never "Infinity%".
    [1e-300, 1e300, "变动幅度极大"],
  ])("words a change from %s to %s without infinity", (before, value, words) => {
    const found = submissionChecks(
      input({
        figures: figures({ A: { R1: 50, R2: 60 }, B: { R1: value, R2: 2 } }),
        lastYear: lastYear({ A: { R1: 50, R2: 60 }, B: { R1: before, R2: 2 } }),
      }),
    );
    expect(found.map((check) => check.code)).toEqual(["large_change"]);
    expect(found[0]!.message.zh).toContain(words);
    expect(found[0]!.message.zh).not.toMatch(/Infinity|NaN/);
  });

  it("gives the same ids for the same findings, whatever the values (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 101, max: 1e6, noNaN: true }),
        fc.double({ min: 101, max: 1e6, noNaN: true }),
        (first, second) => {
          const run = (value: number) =>
            ids({ figures: figures({ A: { R1: value, R2: 60 }, B: { R1: 1, R2: 2 } }) });
          expect(run(first)).toEqual(run(second));
          expect(run(first)).toEqual([
            "implausible_figure:dataElement:A:R1",
            "large_change:dataElement:A:R1",
          ]);
        },
      ),
    );
  });

  it("flags a change exactly when it is more than the threshold (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        (before, now) => {
          const flagged = ids({
            figures: figures({ A: { R1: 50, R2: 60 }, B: { R1: now, R2: 2 } }),
            lastYear: lastYear({ B: { R1: before } }),
          }).includes("large_change:dataElement:B:R1");
          expect(flagged).toBe(Math.abs(now - before) / before > 0.3);
        },
      ),
    );
  });
});

describe("what stands in the way of submitting", () => {
  const all = submissionChecks(
    input({
      figures: figures({ A: { R1: 200, R2: 60 }, B: { R1: 1, R2: 2 } }),
      answered: new Set(),
    }),
  );
  const warnings = all.filter((check) => check.severity === "warning").map((check) => check.id);

  it("is every error and every warning without a justification", () => {
    expect(blockingChecks(all, new Map()).map((check) => check.id)).toEqual(all.map((c) => c.id));
  });

  it("lets justified warnings through, never errors", () => {
    const justified = new Map(warnings.map((id) => [id, "新建学校，规模扩大"]));
    expect(blockingChecks(all, justified).map((check) => check.id)).toEqual([
      "unanswered_work:workItem:W1:",
    ]);
    expect(
      blockingChecks(all, new Map([["unanswered_work:workItem:W1:", "稍后补"]])),
    ).toContainEqual(expect.objectContaining({ id: "unanswered_work:workItem:W1:" }));
  });

  it("does not take blank text as a justification", () => {
    const blank = new Map(warnings.map((id) => [id, "   "]));
    expect(blockingChecks(all, blank)).toHaveLength(all.length);
  });

  it("is empty for warnings alone, all justified", () => {
    const onlyWarnings = all.filter((check) => check.severity === "warning");
    expect(onlyWarnings.length).toBe(2);
    expect(blockingChecks(onlyWarnings, new Map(warnings.map((id) => [id, "说明"])))).toEqual([]);
  });
});
