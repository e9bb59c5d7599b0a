import { describe, expect, it } from "vitest";
import { buildYear, indicator, workItem } from "../../../test/support/factories";
import { scoreYear } from "../scoring/score-year";
import { buildReportPayload } from "./build-report-payload";
import type { ReportPayload } from "./report-payload";

const NARRATIVES = { work: "开展了工作。", problems: "", next: "" };

function demoYear(values: Record<string, Record<string, number>> = {}) {
  return buildYear(
    {
      parts: [
        { code: "IND", name: "指标考评", weight: 60, kind: "indicators" },
        { code: "WORK", name: "工作测评", weight: 40, kind: "work" },
      ],
      domains: [
        { code: "EDU", name: "公共教育" },
        { code: "HEALTH", name: "公共卫生" },
      ],
      indicators: [
        indicator({ code: "I1", name: "入学率", unit: "%", formula: "A" }),
        indicator({ code: "I2", name: "床位数", domain: "HEALTH", department: "D2", formula: "B" }),
      ],
      workItems: [
        workItem({ code: "W1", name: "教育工作", part: "WORK" }),
        workItem({
          code: "W2",
          name: "卫生工作",
          domain: "HEALTH",
          department: "D2",
          part: "WORK",
        }),
      ],
    },
    {
      values: { A: { R1: 40, R2: 50 }, B: { R1: 30, R2: 90 }, ...values },
      work: { W1: { C1: 6, C2: 2 }, W2: { C1: 6, C2: 4 } },
    },
  );
}

function payloadFor(
  department: { code: string; name: string } | null,
  values?: Record<string, Record<string, number>>,
  states?: Record<string, string>,
): ReportPayload {
  const { framework, dataset } = demoYear(values);
  return buildReportPayload({
    framework,
    dataset,
    score: scoreYear(framework, dataset),
    city: "惠州市",
    department,
    illustrative: false,
    date: "2026-03-08",
    narratives: NARRATIVES,
    ...(states ? { states } : {}),
  });
}

function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe("buildReportPayload", () => {
  it("accounts for the whole score: part scores and losses add up, and items' losses add up by department and by area", () => {
    const payload = payloadFor(null);
    expect(payload.score.scoreExact + sum(payload.parts.map((part) => part.loss))).toBeCloseTo(
      1,
      12,
    );
    const itemLoss = sum([...payload.indicators, ...payload.workItems].map((item) => item.loss));
    expect(itemLoss).toBeGreaterThan(0);
    expect(sum(payload.departments.map((entry) => entry.loss))).toBeCloseTo(itemLoss, 12);
    expect(sum(payload.domains.map((domain) => domain.loss))).toBeCloseTo(itemLoss, 12);
    expect(sum(payload.domains.map((domain) => domain.available))).toBeCloseTo(1, 12);
  });

  it("counts what each service area has and what fell short", () => {
    const edu = payloadFor(null).domains.find((domain) => domain.code === "EDU")!;
    expect(edu).toMatchObject({
      name: "公共教育",
      indicatorCount: 1,
      belowTargetCount: 1,
      workItemCount: 1,
      workShortCount: 1,
    });
  });

  it("keeps a department's own items, areas, plan steps and loss, and the city's score", () => {
    const city = payloadFor(null);
    const own = payloadFor({ code: "D1", name: "教育局" });
    expect(own.scope).toBe("department");
    expect(own.indicators.map((item) => item.code)).toEqual(["I1"]);
    expect(own.workItems.map((item) => item.code)).toEqual(["W1"]);
    expect(own.domains.map((domain) => domain.code)).toEqual(["EDU"]);
    expect(own.departments.map((entry) => entry.code)).toEqual(["D1"]);
    expect(own.departments[0]!.loss).toBeCloseTo(
      own.indicators[0]!.loss + own.workItems[0]!.loss,
      12,
    );
    expect(own.plan.length).toBeGreaterThan(0);
    expect(own.plan.every((step) => ["I1", "W1"].includes(step.code))).toBe(true);
    expect(own.score).toEqual(city.score);
    expect(city.indicators).toHaveLength(2);
  });

  it("names the plan's items and the departments", () => {
    const payload = payloadFor(null, undefined, { D1: "submitted" });
    expect(payload.plan).toEqual([
      expect.objectContaining({
        code: "W1",
        name: "教育工作",
        kind: "work",
        needed: null,
        current: 8,
      }),
    ]);
    expect(payload.departments.find((entry) => entry.code === "D1")).toMatchObject({
      name: "教育局",
      state: "submitted",
      indicatorCount: 1,
      workItemCount: 1,
    });
    expect(payload.departments.find((entry) => entry.code === "D2")!.state).toBeNull();
  });

  it("finds the lowest and the highest region by name, with the needed value and unit", () => {
    const { framework, dataset } = buildYear(
      { indicators: [indicator({ name: "入学率", unit: "%" })] },
      {
        regions: [
          { code: "R1", name: "甲区" },
          { code: "R2", name: "乙县" },
          { code: "R3", name: "丙镇" },
        ],
        // Neither extreme is the first region, so the search must really look.
        values: { A: { R1: 30, R2: 40, R3: 20 } },
      },
    );
    const payload = buildReportPayload({
      framework,
      dataset,
      score: scoreYear(framework, dataset),
      city: "惠州市",
      department: null,
      illustrative: false,
      date: "2026-03-08",
      narratives: NARRATIVES,
    });
    const finding = payload.equalization.find((entry) => entry.indicator === "I1")!;
    expect(finding).toMatchObject({
      name: "入学率",
      regions: 3,
      lowest: { region: "丙镇", value: 20 },
      highest: { region: "乙县", value: 40 },
    });
    expect(finding.cv).toBeGreaterThan(0);
    expect(payload.indicators[0]).toMatchObject({ unit: "%", needed: 100, value: 90, ratio: 0.9 });
  });

  it("writes a figure that is not finite in the score it is given as 0", () => {
    const { framework, dataset } = demoYear();
    const score = scoreYear(framework, dataset);
    const broken = {
      ...score,
      scoreExact: Number.NaN,
      parts: score.parts.map((part) => ({ ...part, loss: Number.POSITIVE_INFINITY })),
      indicators: score.indicators.map((item) => ({
        ...item,
        ratio: Number.NaN,
        loss: Number.NaN,
      })),
      plan: score.plan.map((step) => ({ ...step, gain: Number.NEGATIVE_INFINITY })),
    };
    const payload = buildReportPayload({
      framework,
      dataset,
      score: broken,
      city: "惠州市",
      department: null,
      illustrative: false,
      date: "2026-03-08",
      narratives: NARRATIVES,
    });
    expect(numbersIn(payload).every(Number.isFinite)).toBe(true);
    expect(payload.score.scoreExact).toBe(0);
  });

  it("lets no NaN or Infinity out, even for indicators that are missing or cannot be computed", () => {
    const { framework, dataset } = buildYear(
      {
        indicators: [
          indicator({ code: "I1", formula: "A / B" }),
          indicator({ code: "I2", formula: "A", department: "D2" }),
        ],
      },
      { values: { A: { R1: 1e308, R2: 1e308 }, B: { R1: 0, R2: 0 } } },
    );
    const payload = buildReportPayload({
      framework,
      dataset,
      score: scoreYear(framework, dataset),
      city: "惠州市",
      department: null,
      illustrative: true,
      date: "2026-03-08",
      narratives: NARRATIVES,
    });
    expect(payload.indicators.map((item) => item.status)).toContain("error");
    const numbers = numbersIn(payload);
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers.every(Number.isFinite)).toBe(true);
    expect(JSON.stringify(payload)).not.toMatch(/NaN|Infinity/);
  });
});
