import { describe, expect, it } from "vitest";
import {
  dataDoc,
  frameworkDoc,
  indicator,
  workItem,
  type Doc,
} from "../../../test/support/factories";
import { InputError } from "./input-error";
import { loadData, loadFramework, loadFrameworkText, parseDocumentText } from "./load";

function frameworkErrors(doc: Doc): string {
  try {
    loadFramework(doc, "framework.yaml");
  } catch (error) {
    if (error instanceof InputError) return `${error.format("en")}\n${error.format("zh")}`;
    throw error;
  }
  throw new Error("expected the framework to be refused");
}

/** Every issue of a refused framework, as `path: message` in English, in reported order. */
function frameworkIssues(doc: Doc): string[] {
  try {
    loadFramework(doc, "framework.yaml");
  } catch (error) {
    if (error instanceof InputError) {
      return error.issues.map((issue) => `${issue.path}: ${issue.message.en}`);
    }
    throw error;
  }
  throw new Error("expected the framework to be refused");
}

function dataIssues(data: Doc, framework: Doc = {}): string[] {
  const loaded = loadFramework(frameworkDoc(framework), "framework.yaml").framework;
  try {
    loadData(dataDoc(data), "data.yaml", loaded);
  } catch (error) {
    if (error instanceof InputError) {
      return error.issues.map((issue) => `${issue.path}: ${issue.message.en}`);
    }
    throw error;
  }
  throw new Error("expected the data to be refused");
}

function dataErrors(data: Doc, framework: Doc = {}): string {
  const loaded = loadFramework(frameworkDoc(framework), "framework.yaml").framework;
  try {
    loadData(dataDoc(data), "data.yaml", loaded);
  } catch (error) {
    if (error instanceof InputError) return `${error.format("en")}\n${error.format("zh")}`;
    throw error;
  }
  throw new Error("expected the data to be refused");
}

describe("loadFramework refuses a broken framework, naming the item and the field", () => {
  it.each<[string, Doc, string[]]>([
    [
      "unknown data element",
      { indicators: [indicator({ code: "I002", formula: "A + NOPE_X" })] },
      [
        "framework.yaml: indicators[I002].formula: unknown data element NOPE_X",
        "未知的数据元素 NOPE_X",
      ],
    ],
    [
      "formula syntax",
      { indicators: [indicator({ code: "I7", formula: "A ** 2" })] },
      ["indicators[I7].formula: at position 4: unexpected '*'"],
    ],
    [
      "criteria that do not add up",
      {
        parts: [{ code: "W", name: "工作", weight: 1, kind: "work" }],
        indicators: [],
        workItems: [workItem({ code: "W9", points: 12 })],
      },
      ["workItems[W9].criteria: criteria points add up to 10, not the item's 12 points"],
    ],
    [
      "weight ≤ 0",
      { indicators: [indicator({ code: "I3", weight: 0 })] },
      ["indicators[I3].weight: must be > 0"],
    ],
    [
      "part weight ≤ 0",
      { parts: [{ code: "IND", name: "指标", weight: -1, kind: "indicators" }] },
      ["parts[IND].weight: must be > 0"],
    ],
    [
      "unknown rule",
      { indicators: [indicator({ code: "I4", rule: { type: "sqrt", target: 1 } })] },
      ["indicators[I4].rule.type: unknown rule type"],
    ],
    [
      "duplicate indicator codes",
      { indicators: [indicator(), indicator()] },
      ["indicators[I1].code: duplicate code I1"],
    ],
    [
      "indicator and work item sharing a code",
      {
        parts: [
          { code: "IND", name: "指标", weight: 1, kind: "indicators" },
          { code: "W", name: "工作", weight: 1, kind: "work" },
        ],
        workItems: [workItem({ code: "I1" })],
      },
      ["workItems[I1].code: duplicate code I1"],
    ],
    [
      "duplicate criterion codes",
      {
        parts: [{ code: "W", name: "工作", weight: 1, kind: "work" }],
        indicators: [],
        workItems: [
          workItem({
            criteria: [
              { code: "C1", text: "a", points: 5 },
              { code: "C1", text: "b", points: 5 },
            ],
          }),
        ],
      },
      ["workItems[W1].criteria[C1].code: duplicate code C1"],
    ],
    [
      "linear with from = to",
      { indicators: [indicator({ code: "I5", rule: { type: "linear", from: 3, to: 3 } })] },
      ["indicators[I5].rule.to: linear rule needs from ≠ to"],
    ],
    [
      "ratio with target 0",
      { indicators: [indicator({ code: "I6", rule: { type: "ratio", target: 0 } })] },
      ["indicators[I6].rule.target: must be > 0"],
    ],
    [
      "cv with target ≥ max",
      { indicators: [indicator({ code: "I8", rule: { type: "cv", target: 0.5, max: 0.5 } })] },
      ["indicators[I8].rule.max: cv rule needs target < max"],
    ],
    [
      "bands with a repeated min",
      {
        indicators: [
          indicator({
            code: "I9",
            rule: {
              type: "bands",
              bands: [
                { min: 1, r: 1 },
                { min: 1, r: 0.5 },
              ],
            },
          }),
        ],
      },
      ["indicators[I9].rule.bands[1].min: duplicate band min 1"],
    ],
    [
      "unknown department",
      { indicators: [indicator({ code: "I10", department: "NOBODY" })] },
      ["indicators[I10].department: unknown department NOBODY"],
    ],
    [
      "unknown domain",
      { indicators: [indicator({ code: "I11", domain: "SPACE" })] },
      ["indicators[I11].domain: unknown domain SPACE"],
    ],
    [
      "bad data-element code",
      { dataElements: [{ code: "lower", name: "x" }] },
      ["dataElements[lower].code: a data-element code must match [A-Z][A-Z0-9_]*"],
    ],
    [
      "grades out of order",
      {
        grades: [
          { name: "良", min: 0.95 },
          { name: "优", min: 0.98 },
        ],
      },
      ["grades[1].min: grades must be listed highest first"],
    ],
    ["missing field", { target: undefined }, ["target: is required"]],
    ["wrong format", { format: "kaoping/data@1" }, ['format: must be "kaoping/framework@1"']],
    [
      "satisfaction part without scale",
      {
        parts: [
          { code: "IND", name: "指标", weight: 1, kind: "indicators" },
          { code: "S", name: "满意度", weight: 1, kind: "satisfaction" },
        ],
      },
      ["parts[S].scale: a satisfaction part needs a scale"],
    ],
    [
      "an indicator without an indicators part",
      { parts: [{ code: "W", name: "工作", weight: 1, kind: "work" }] },
      ["indicators[I1].part: the framework has no part of kind indicators"],
    ],
  ])("%s", (_label, overrides, expected) => {
    const message = frameworkErrors(frameworkDoc(overrides));
    for (const fragment of expected) expect(message).toContain(fragment);
  });

  // Two rounds, each complete: every problem of shape first; once the shape is right,
  // every problem of references, formulas and rules. The lists are compared whole, so
  // a loader that stopped at the first problem fails here.
  it("reports every problem of shape at once, not only the first", () => {
    expect(
      frameworkIssues(
        frameworkDoc({
          dataElements: [
            { code: "A", name: "A", min: "0" },
            { code: "B", name: "B", max: Number.POSITIVE_INFINITY },
          ],
          indicators: [
            indicator({ code: "X1", weight: -2 }),
            indicator({ code: "X2", rule: { type: "ratio", target: 0 } }),
          ],
        }),
      ),
    ).toEqual([
      'dataElements[A].min: expected a number, got the string "0"',
      "dataElements[B].max: must be a finite number",
      "indicators[X1].weight: must be > 0",
      "indicators[X2].rule.target: must be > 0",
    ]);
  });

  it("reports every problem of references, formulas and rules at once", () => {
    expect(
      frameworkIssues(
        frameworkDoc({
          dataElements: [
            { code: "A", name: "A", min: 10, max: 5 },
            { code: "B", name: "B" },
          ],
          indicators: [
            indicator({ code: "X1", formula: "Q" }),
            indicator({ code: "X2", department: "NOBODY" }),
            indicator({ code: "X3", rule: { type: "linear", from: 1, to: 1 } }),
          ],
        }),
      ),
    ).toEqual([
      "dataElements[A].max: max 5 is below min 10",
      "indicators[X1].formula: unknown data element Q",
      "indicators[X2].department: unknown department NOBODY",
      "indicators[X3].rule.to: linear rule needs from ≠ to (both 1)",
    ]);
  });

  it("warns about a part with no items but loads the framework", () => {
    const loaded = loadFramework(
      frameworkDoc({
        parts: [
          { code: "IND", name: "指标", weight: 1, kind: "indicators" },
          { code: "W", name: "工作", weight: 1, kind: "work" },
        ],
      }),
      "framework.yaml",
    );
    expect(loaded.warnings.map((warning) => warning.path)).toEqual(["parts[W]"]);
  });
});

describe("loadData refuses a data file that does not answer its framework", () => {
  /** A count (min 0) and a percentage (0–100). */
  const bounded = {
    dataElements: [
      { code: "A", name: "A", min: 0 },
      { code: "B", name: "B", min: 0, max: 100 },
    ],
  };
  const withWork = {
    parts: [
      { code: "IND", name: "指标", weight: 1, kind: "indicators" },
      { code: "W", name: "工作", weight: 1, kind: "work" },
    ],
    workItems: [workItem()],
  };
  it.each<[string, Doc, string[], Doc?]>([
    [
      "unknown data element",
      { values: { NOPE: { R1: 1 } } },
      ["data.yaml: values.NOPE: unknown data element NOPE"],
    ],
    ["unknown region", { values: { A: { R9: 1 } } }, ["values.A.R9: unknown region R9"]],
    [
      "non-number value",
      { values: { A: { R1: "abc" } } },
      ['values.A.R1: expected a number, got the string "abc"'],
    ],
    ["null value", { values: { A: { R1: null } } }, ["values.A.R1: expected a number, got null"]],
    [
      "another framework",
      { framework: "OTHER" },
      ["framework: this data answers framework OTHER, not TEST"],
    ],
    ["unknown work item", { work: { W7: { C1: 1 } } }, ["work.W7: unknown work item W7"], withWork],
    [
      "unknown criterion",
      { work: { W1: { C9: 1 } } },
      ["work.W1.C9: work item W1 has no criterion C9"],
      withWork,
    ],
    [
      "awarded above the criterion's points",
      { work: { W1: { C1: 7 } } },
      ["work.W1.C1: awarded 7 is outside 0–6"],
      withWork,
    ],
    [
      "negative awarded points",
      { work: { W1: { C2: -1 } } },
      ["work.W1.C2: awarded -1 is outside 0–4"],
      withWork,
    ],
    [
      "satisfaction without a satisfaction part",
      { satisfaction: 80 },
      ["satisfaction: the framework has no satisfaction part"],
    ],
    [
      "duplicate region",
      {
        regions: [
          { code: "R1", name: "a" },
          { code: "R1", name: "b" },
        ],
      },
      ["regions[R1].code: duplicate region code R1"],
    ],
    [
      "the reserved code city as a region",
      { regions: [{ code: "city", name: "全市" }] },
      ['regions[city].code: "city" is reserved'],
    ],
    [
      "population not positive",
      { regions: [{ code: "R1", name: "a", population: 0 }] },
      ["regions[R1].population: must be > 0"],
    ],
    ["year not an integer", { year: 2025.5 }, ["year: expected an integer"]],
    [
      "a figure below its element's min",
      { values: { A: { R1: -5 } } },
      ["data.yaml: values.A.R1: value -5 is below the minimum 0", "数值 -5 小于下限 0"],
      bounded,
    ],
    [
      "a figure above its element's max",
      { values: { B: { city: 100.5 } } },
      ["values.B.city: value 100.5 is above the maximum 100", "数值 100.5 大于上限 100"],
      bounded,
    ],
  ])("%s", (_label, overrides, expected, framework = {}) => {
    const message = dataErrors(overrides, framework);
    for (const fragment of expected) expect(message).toContain(fragment);
  });

  it("reports every problem of a data file at once, not only the first", () => {
    expect(
      dataIssues(
        {
          values: {
            A: { R1: -5, R2: 3, R9: 1 },
            B: { R1: 101, R2: -1e308, city: 1e308 },
            NOPE: { R1: 1 },
          },
          work: { W1: { C1: 7, C2: 4 } },
        },
        { ...bounded, ...withWork },
      ),
    ).toEqual([
      "values.A.R1: value -5 is below the minimum 0",
      "values.A.R9: unknown region R9",
      "values.B.R1: value 101 is above the maximum 100",
      "values.B.R2: value -1e+308 is below the minimum 0",
      "values.B.city: value 1e+308 is above the maximum 100",
      "values.NOPE: unknown data element NOPE",
      "work.W1.C1: awarded 7 is outside 0–6",
    ]);
  });

  it("accepts figures exactly at their bounds", () => {
    const framework = loadFramework(frameworkDoc(bounded), "framework.yaml").framework;
    expect(() =>
      loadData(
        dataDoc({ values: { A: { R1: 0 }, B: { R1: 0, R2: 100 } } }),
        "data.yaml",
        framework,
      ),
    ).not.toThrow();
  });

  it("scores stored figures outside the bounds when asked not to check them", () => {
    const framework = loadFramework(frameworkDoc(bounded), "framework.yaml").framework;
    const doc = dataDoc({ values: { B: { R1: 1e308 } } });
    expect(() => loadData(doc, "data.yaml", framework)).toThrow(InputError);
    const dataset = loadData(doc, "data.yaml", framework, { checkBounds: false });
    expect(dataset.doc.values.B).toEqual({ R1: 1e308 });
  });
});

describe("parsing file text", () => {
  it("names the line of a YAML syntax error", () => {
    expect(() => parseDocumentText("a: [1, 2\nb: 3", "framework.yaml")).toThrow(
      /framework\.yaml.*line/,
    );
  });

  it("refuses duplicate keys in YAML", () => {
    expect(() => parseDocumentText("code: A\ncode: B\n", "framework.yaml")).toThrow(InputError);
  });

  it("reads JSON by extension", () => {
    const loaded = loadFrameworkText(JSON.stringify(frameworkDoc()), "framework.json");
    expect(loaded.framework.doc.code).toBe("TEST");
  });

  it("refuses a document that is not a mapping", () => {
    expect(() => loadFrameworkText("- 1\n- 2\n", "framework.yaml")).toThrow(/must hold one object/);
  });
});
