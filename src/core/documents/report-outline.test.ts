import { describe, expect, it } from "vitest";
import { buildYear, indicator, workItem } from "../../../test/support/factories";
import { scoreYear } from "../scoring/score-year";
import { buildReportPayload } from "./build-report-payload";
import type { ReportBlock } from "./report-blocks";
import type { Narratives, ReportPayload } from "./report-payload";
import {
  EMPTY_NARRATIVE,
  ILLUSTRATIVE_NOTICE,
  reportOutline,
  TARGET_MET_TEXT,
} from "./report-outline";

const SECTION_HEADINGS = [
  "一、基本情况",
  "二、考评得分情况",
  "三、各领域情况",
  "四、各部门情况",
  "五、未达目标的指标",
  "六、未得满分的工作测评项目",
  "七、均等化分析",
  "八、工作开展情况",
  "九、存在问题",
  "十、下一步措施",
  "十一、达标改进计划",
];

function payloadOf(options: {
  value?: number;
  department?: { code: string; name: string } | null;
  illustrative?: boolean;
  narratives?: Narratives;
}): ReportPayload {
  const { framework, dataset } = buildYear(
    {
      parts: [
        { code: "IND", name: "指标考评", weight: 60, kind: "indicators" },
        { code: "WORK", name: "工作测评", weight: 40, kind: "work" },
      ],
      indicators: [indicator({ name: "入学率", unit: "%" })],
      workItems: [workItem({ name: "教育工作", part: "WORK" })],
    },
    {
      values: { A: { R1: (options.value ?? 90) / 2, R2: (options.value ?? 90) / 2 } },
      work: { W1: { C1: 6, C2: 4 } },
    },
  );
  return buildReportPayload({
    framework,
    dataset,
    score: scoreYear(framework, dataset),
    city: "惠州市",
    department: options.department ?? null,
    illustrative: options.illustrative ?? false,
    date: "2026-03-08",
    narratives: options.narratives ?? { work: "", problems: "", next: "" },
  });
}

function textsAfter(blocks: ReportBlock[], heading: string): ReportBlock[] {
  const start = blocks.findIndex((block) => block.kind === "heading" && block.text === heading);
  const end = blocks.findIndex(
    (block, index) =>
      index > start &&
      ((block.kind === "heading" && block.level === 1) || block.kind === "signature"),
  );
  return blocks.slice(start + 1, end === -1 ? undefined : end);
}

function paragraphs(blocks: ReportBlock[]): string[] {
  return blocks.flatMap((block) => (block.kind === "paragraph" ? [block.text] : []));
}

describe("reportOutline", () => {
  it("opens with the title and puts the eleven sections in order, the signature last", () => {
    const blocks = reportOutline(payloadOf({}));
    expect(blocks[0]).toEqual({
      kind: "title",
      text: "惠州市2025年度基本公共服务均等化绩效自评报告",
    });
    const headings = blocks.flatMap((block) =>
      block.kind === "heading" && block.level === 1 ? [block.text] : [],
    );
    expect(headings).toEqual(SECTION_HEADINGS);
    expect(blocks.at(-1)).toEqual({
      kind: "signature",
      issuer: "惠州市基本公共服务均等化考评办公室",
      date: "2026年3月8日",
    });
  });

  it("labels an illustrative report right under the title, and only then", () => {
    const illustrative = reportOutline(payloadOf({ illustrative: true }));
    expect(illustrative[1]).toEqual({ kind: "notice", text: ILLUSTRATIVE_NOTICE });
    expect(reportOutline(payloadOf({})).some((block) => block.kind === "notice")).toBe(false);
  });

  it("titles and signs a department's report with its name and lists its items", () => {
    const blocks = reportOutline(payloadOf({ department: { code: "D1", name: "市教育局" } }));
    expect(blocks[0]).toMatchObject({ text: "市教育局2025年度基本公共服务均等化绩效自评报告" });
    expect(blocks.at(-1)).toMatchObject({ issuer: "市教育局" });
    // The department owns every item here, so it owns the whole loss.
    expect(paragraphs(textsAfter(blocks, "二、考评得分情况"))[1]).toBe(
      "市教育局负责的指标和项目共失分0.0600，占全市失分的100.00%。",
    );
    const section = textsAfter(blocks, "四、各部门情况");
    expect(
      section
        .filter((block) => block.kind === "heading")
        .map((block) => block.kind === "heading" && block.text),
    ).toEqual(["（一）负责的考评指标", "（二）负责的工作测评项目"]);
  });

  it("states the score, the grade and the gap to the target", () => {
    const blocks = reportOutline(payloadOf({}));
    // 0.6 × 0.9 + 0.4 × 1 = 0.94, below the target 0.95.
    expect(paragraphs(textsAfter(blocks, "二、考评得分情况"))[0]).toBe(
      "2025年度，惠州市基本公共服务均等化绩效考评综合得分为0.9400，等级为“中”，低于目标值0.9500，差距0.0100。",
    );
    const met = reportOutline(payloadOf({ value: 100 }));
    expect(paragraphs(textsAfter(met, "二、考评得分情况"))[0]).toContain(
      "综合得分为1.0000，等级为“优”，达到目标值0.9500，高出0.0500。",
    );
    const table = textsAfter(blocks, "二、考评得分情况").find((block) => block.kind === "table");
    expect(table).toMatchObject({ caption: "表1\u3000各构成得分情况" });
    expect(table?.kind === "table" && table.rows.at(-1)).toEqual([
      "合计",
      "100",
      "0.9400",
      "0.0600",
    ]);
  });

  it("writes the placeholder for a written section left empty or blank", () => {
    const blocks = reportOutline(
      payloadOf({ narratives: { work: "第一段。\n\n第二段。", problems: "  \n ", next: "" } }),
    );
    expect(paragraphs(textsAfter(blocks, "八、工作开展情况"))).toEqual(["第一段。", "第二段。"]);
    expect(paragraphs(textsAfter(blocks, "九、存在问题"))).toEqual([EMPTY_NARRATIVE]);
    expect(paragraphs(textsAfter(blocks, "十、下一步措施"))).toEqual([EMPTY_NARRATIVE]);
  });

  it("says no measures are needed when the target is met, and lists the plan when it is not", () => {
    const met = reportOutline(payloadOf({ value: 100 }));
    expect(textsAfter(met, "十一、达标改进计划")).toEqual([
      { kind: "paragraph", text: TARGET_MET_TEXT, indent: true },
    ]);
    const short = textsAfter(reportOutline(payloadOf({ value: 90 })), "十一、达标改进计划");
    expect(paragraphs(short)[0]).toContain("差距0.0100");
    const plan = short.find((block) => block.kind === "table");
    expect(plan?.kind === "table" && plan.rows.map((row) => row[1])).toEqual(["入学率"]);
  });

  it("writes each department's hand-in state in words, and an unknown one as stored", () => {
    const payload = payloadOf({});
    const blocks = reportOutline({
      ...payload,
      departments: payload.departments.map((entry, index) => ({
        ...entry,
        state: ["submitted", "constructor"][index] ?? null,
      })),
    });
    const table = textsAfter(blocks, "四、各部门情况").find((block) => block.kind === "table");
    expect(table?.kind === "table" && table.rows.map((row) => row.at(-1))).toEqual([
      "已报送",
      "constructor",
    ]);
  });

  it("numbers the tables one after another and writes no NaN or Infinity", () => {
    const blocks = reportOutline(payloadOf({ department: { code: "D1", name: "市教育局" } }));
    const captions = blocks.flatMap((block) => (block.kind === "table" ? [block.caption] : []));
    expect(captions.map((caption) => caption.split("\u3000")[0])).toEqual(
      captions.map((_, index) => `表${index + 1}`),
    );
    expect(JSON.stringify(blocks)).not.toMatch(/NaN|Infinity/);
  });
});
