import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { presentScoreReport, type ScoreReport } from "../../../contract/score-report";
import type { FrameworkDocument } from "../../../contract/api";
import { loadDataText, loadFrameworkText, scoreYear } from "../../../core";
import {
  describePlanOutcome,
  describePlanStep,
  planOutcome,
  planSubjectFor,
  type PlanStep,
  type PlanSubject,
} from "./plan-steps";

const indicator = (overrides: Partial<Extract<PlanSubject, { kind: "indicator" }>>) =>
  ({
    kind: "indicator",
    name: "每万人全科医生数",
    unit: "人",
    status: "ok",
    value: 2.5,
    spread: false,
    lowerIsBetter: false,
    ...overrides,
  }) as PlanSubject;

const cases: { title: string; step: PlanStep; subject: PlanSubject; zh: string; en: string }[] = [
  {
    title: "a missing indicator is completed and reaches the value needed",
    step: { code: "HEALTH03", gain: 0.006, needed: 3 },
    subject: indicator({ status: "missing", value: null }),
    zh: "将「每万人全科医生数」补齐并达到 3 人，可追回 0.0060",
    en: 'Complete "每万人全科医生数" and reach 3 人, recovering 0.0060',
  },
  {
    title: "an indicator below its target is raised",
    step: { code: "EDU02", gain: 0.0012345, needed: 98 },
    subject: indicator({ name: "初中三年保留率", unit: "%", value: 97.25 }),
    zh: "将「初中三年保留率」从 97.25% 提高到 98%，可追回 0.0012",
    en: 'Raise "初中三年保留率" from 97.25% to 98%, recovering 0.0012',
  },
  {
    title: "a lower-is-better indicator above its target is lowered",
    step: { code: "HEALTH04", gain: 0.002, needed: 12 },
    subject: indicator({ name: "婴儿死亡率", unit: "‰", value: 13.5, lowerIsBetter: true }),
    zh: "将「婴儿死亡率」从 13.5‰ 降到 12‰，可追回 0.0020",
    en: 'Lower "婴儿死亡率" from 13.5‰ to 12‰, recovering 0.0020',
  },
  {
    title: "a spread (cv) indicator speaks of the spread and drops the unit",
    step: { code: "EDU08", gain: 0.0031, needed: 0.2 },
    subject: indicator({
      name: "生均义务教育经费",
      unit: "元",
      value: 0.3512,
      spread: true,
      lowerIsBetter: true,
    }),
    zh: "将「生均义务教育经费」的各地差异系数从 0.3512 降到 0.2，可追回 0.0031",
    en: 'Lower the spread across regions (CV) of "生均义务教育经费" from 0.3512 to 0.2, recovering 0.0031',
  },
  {
    title: "an indicator that cannot be computed asks for the data to be checked",
    step: { code: "X1", gain: 0.004, needed: 100 },
    subject: indicator({ name: "入学率", unit: "%", status: "error", value: null }),
    zh: "核实「入学率」的数据（当前无法计算）并达到 100%，可追回 0.0040",
    en: 'Correct the data of "入学率" (it cannot be computed now) and reach 100%, recovering 0.0040',
  },
  {
    title: "large figures keep their thousands separators",
    step: { code: "EMP02", gain: 0.001, needed: 120000 },
    subject: indicator({ name: "失业保险参保人数", unit: "人", value: 98765.4321 }),
    zh: "将「失业保险参保人数」从 98,765.4321 人 提高到 120,000 人，可追回 0.0010",
    en: 'Raise "失业保险参保人数" from 98,765.4321 人 to 120,000 人, recovering 0.0010',
  },
  {
    title: "a work item is brought to full points",
    step: { code: "W07", gain: 0.0045, needed: null },
    subject: { kind: "work", name: "绩效考评组织实施", points: 10, earned: 7.5 },
    zh: "将「绩效考评组织实施」从 7.5 分做到满分 10 分，可追回 0.0045",
    en: 'Bring "绩效考评组织实施" from 7.5 to the full 10 points, recovering 0.0045',
  },
];

describe("describePlanStep", () => {
  it.each(cases)("$title", ({ step, subject, zh, en }) => {
    expect(describePlanStep(step, subject, "zh")).toBe(zh);
    expect(describePlanStep(step, subject, "en")).toBe(en);
  });

  it("at the value needed already, follows the rule's direction", () => {
    const step = { code: "A", gain: 0.001, needed: 5 };
    expect(describePlanStep(step, indicator({ value: 5, lowerIsBetter: true }), "zh")).toContain(
      "降到",
    );
    expect(describePlanStep(step, indicator({ value: 5 }), "zh")).toContain("提高到");
  });
});

const report = (overrides: Partial<ScoreReport>): ScoreReport => ({
  framework: "F",
  year: 2025,
  score: 0.9388,
  scoreExact: 0.93881,
  grade: "中",
  target: 0.95,
  meetsTarget: false,
  parts: [],
  indicators: [],
  workItems: [],
  departments: [],
  plan: [],
  ...overrides,
});

describe("planOutcome and describePlanOutcome", () => {
  it("says the target is met", () => {
    const outcome = planOutcome(report({ score: 0.96, scoreExact: 0.96, meetsTarget: true }));
    expect(outcome).toEqual({ kind: "met" });
    expect(describePlanOutcome(outcome, 0.95, 0, "zh")).toBe("已达到目标 0.9500，无需补分。");
    expect(describePlanOutcome(outcome, 0.95, 0, "en")).toBe(
      "The target 0.9500 is met; nothing needs to be recovered.",
    );
  });

  it("says the plan reaches the target when its gains cover the gap", () => {
    const outcome = planOutcome(
      report({
        plan: [
          { code: "A", gain: 0.006, needed: 3 },
          { code: "B", gain: 0.0045, needed: null },
          { code: "C", gain: 0.003, needed: null },
        ],
      }),
    );
    expect(outcome.kind).toBe("reaches");
    expect(describePlanOutcome(outcome, 0.95, 3, "zh")).toBe(
      "距目标 0.9500 还差 0.0112。按失分从多到少做到以下 3 项（合计可追回 0.0135），即可达到目标。",
    );
    expect(describePlanOutcome(outcome, 0.95, 3, "en")).toContain("reaches the target");
  });

  it("says the plan cannot reach the target when the gains fall short", () => {
    const outcome = planOutcome(report({ plan: [{ code: "A", gain: 0.002, needed: 3 }] }));
    expect(outcome.kind).toBe("short");
    expect(describePlanOutcome(outcome, 0.95, 1, "zh")).toBe(
      "距目标 0.9500 还差 0.0112。即使做到以下全部 1 项（合计可追回 0.0020），仍差 0.0092，无法达到目标：其余失分来自群众满意度等不对应单项的部分。",
    );
    expect(describePlanOutcome(outcome, 0.95, 1, "en")).toContain("cannot be reached");
  });

  it("says so when no item can recover anything", () => {
    const outcome = planOutcome(report({}));
    expect(outcome.kind).toBe("short");
    expect(describePlanOutcome(outcome, 0.95, 0, "zh")).toContain("没有可以追回分数的指标或工作项");
  });
});

describe("the demo year's plan in words", () => {
  const read = (name: string) => readFileSync(`content/demo/${name}`, "utf8");
  const loaded = loadFrameworkText(read("framework.yaml"), "framework.yaml");
  const framework = loaded.framework;
  const dataset = loadDataText(read("huizhou-2025.yaml"), "huizhou-2025.yaml", framework);
  const scored = presentScoreReport(scoreYear(framework, dataset));
  const doc = framework.doc as FrameworkDocument;

  it("names every step from the framework, the first as the missing GP indicator", () => {
    const sentences = scored.plan.map((step) =>
      describePlanStep(step, planSubjectFor(step.code, doc, scored)!, "zh"),
    );
    expect(sentences[0]).toBe("将「每万人全科医生数」补齐并达到 3 人，可追回 0.0060");
    expect(sentences).toHaveLength(scored.plan.length);
    for (const sentence of sentences) expect(sentence).toMatch(/^将「.+」.+可追回 0\.\d{4}$/);
    expect(planOutcome(scored).kind).toBe("reaches");
  });

  it("knows nothing of a code outside the framework", () =>
    expect(planSubjectFor("NOPE", doc, scored)).toBeNull());
});
