import { describe, expect, it } from "vitest";
import type { ReportBlock } from "./report-blocks";
import type { PayloadIndicator, PayloadWorkItem, ReportPayload } from "./report-payload";
import { volumeTableBlocks } from "./volume-tables";

function indicator(overrides: Partial<PayloadIndicator> = {}): PayloadIndicator {
  return {
    code: "I1",
    name: "学前教育毛入园率",
    domain: "EDU",
    department: "D1",
    unit: "%",
    weight: 2,
    status: "ok",
    value: 92.5,
    ratio: 0.95238,
    needed: 97.125,
    loss: 0.01,
    ...overrides,
  };
}

function workItem(overrides: Partial<PayloadWorkItem> = {}): PayloadWorkItem {
  return {
    code: "W1",
    name: "制定年度实施方案",
    domain: "EDU",
    department: "D1",
    points: 10,
    earned: 8.5,
    loss: 0.002,
    ...overrides,
  };
}

function payload(overrides: Partial<ReportPayload> = {}): ReportPayload {
  return {
    scope: "department",
    city: "惠州市",
    year: 2025,
    department: { code: "D1", name: "市教育局" },
    frameworkName: "测试框架",
    illustrative: false,
    date: "2026-03-08",
    score: { score: 0.9, scoreExact: 0.9, grade: null, target: 0.95, meetsTarget: false },
    regionCount: 3,
    departmentCount: 2,
    parts: [],
    domains: [],
    departments: [],
    indicators: [indicator()],
    workItems: [workItem()],
    equalization: [],
    plan: [],
    narratives: { work: "", problems: "", next: "" },
    ...overrides,
  };
}

type Table = Extract<ReportBlock, { kind: "table" }>;

function tables(blocks: ReportBlock[]): Table[] {
  return blocks.filter((block): block is Table => block.kind === "table");
}

describe("volumeTableBlocks", () => {
  it("lays out 指标考评表 and 工作测评表 with the columns the volume prints, each under a heading", () => {
    const blocks = volumeTableBlocks(payload());
    expect(blocks.map((block) => block.kind)).toEqual(["heading", "table", "heading", "table"]);
    expect(blocks[0]).toEqual({ kind: "heading", level: 2, text: "（一）指标考评表" });
    expect(blocks[2]).toEqual({ kind: "heading", level: 2, text: "（二）工作测评表" });
    const [indicators, work] = tables(blocks);
    expect(indicators!.columns.map((column) => column.title)).toEqual([
      "序号",
      "指标",
      "单位",
      "权重",
      "实际值",
      "目标值",
      "得分率",
      "加权得分",
    ]);
    expect(work!.columns.map((column) => column.title)).toEqual(["序号", "项目", "分值", "得分"]);
    expect(indicators!.caption).toBe("市教育局2025年度指标考评表");
  });

  it("writes ratios and weighted points to four decimals, weighted points being weight × ratio", () => {
    const [indicators] = tables(volumeTableBlocks(payload()));
    expect(indicators!.rows[0]).toEqual([
      "1",
      "I1 学前教育毛入园率",
      "%",
      "2",
      "92.5",
      "97.13",
      "0.9524",
      "1.9048",
    ]);
  });

  it("totals the weights and points, the total's 得分率 being points ÷ weights, in bold", () => {
    const [indicators, work] = tables(
      volumeTableBlocks(
        payload({
          indicators: [
            indicator({ weight: 2, ratio: 1 }),
            indicator({ code: "I2", weight: 1, ratio: 0.5 }),
          ],
          workItems: [workItem(), workItem({ code: "W2", points: 5, earned: 5 })],
        }),
      ),
    );
    const total = indicators!.rows.at(-1)!;
    expect(total[1]).toBe("合计");
    expect(total[3]).toBe("3");
    expect(total[6]).toBe("0.8333");
    expect(total[7]).toBe("2.5000");
    expect(indicators!.emphasis).toEqual([indicators!.rows.length - 1]);
    expect(work!.rows.at(-1)).toEqual(["", "合计", "15", "13.5"]);
    expect(work!.emphasis).toEqual([2]);
  });

  it("says a figure is missing or cannot be computed instead of printing a number", () => {
    const [indicators] = tables(
      volumeTableBlocks(
        payload({
          indicators: [
            indicator({ status: "missing", value: null, ratio: 0 }),
            indicator({ code: "I2", status: "error", value: null, ratio: 0 }),
            indicator({ code: "I3", unit: null }),
          ],
        }),
      ),
    );
    expect(indicators!.rows[0]![4]).toBe("未填报");
    expect(indicators!.rows[1]![4]).toBe("无法计算");
    expect(indicators!.rows[2]![2]).toBe("—");
  });

  it("never prints NaN or Infinity, even for a weight of zero", () => {
    const blocks = volumeTableBlocks(
      payload({ indicators: [indicator({ weight: 0, ratio: Number.NaN })] }),
    );
    const text = JSON.stringify(blocks);
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(tables(blocks)[0]!.rows.at(-1)![6]).toBe("0.0000");
  });

  it("labels demo tables 示例 and uses the city's name for the city's volume", () => {
    const [indicators] = tables(
      volumeTableBlocks(payload({ illustrative: true, department: null, scope: "city" })),
    );
    expect(indicators!.caption).toBe("惠州市2025年度指标考评表（示例）");
  });

  it("says so when the unit answers for no indicators or work items", () => {
    const blocks = volumeTableBlocks(payload({ indicators: [], workItems: [] }));
    expect(tables(blocks)).toEqual([]);
    expect(blocks.filter((block) => block.kind === "paragraph")).toHaveLength(2);
  });
});
