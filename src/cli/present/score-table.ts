import type { Framework, Lang, ScoreResult } from "../../core";
import { frameworkNames, pick } from "./names";
import { figure, fixed4, percent } from "./numbers";
import { renderTable } from "./text-table";

const STATUS: Record<string, [string, string]> = {
  ok: ["正常", "ok"],
  missing: ["缺数", "missing"],
  error: ["计算错误", "error"],
};

/** The headline: score, grade, target and whether it is met. */
export function renderHeadline(result: ScoreResult, framework: Framework, lang: Lang): string {
  const gap = result.target - result.scoreExact;
  const verdict = result.meetsTarget
    ? pick(lang, "达到目标", "target met")
    : pick(lang, `未达到目标，差 ${fixed4(gap)}`, `target not met, ${fixed4(gap)} short`);
  return [
    `${framework.doc.name}（${framework.doc.code}） ${pick(lang, `${result.year} 年度`, `year ${result.year}`)}`,
    `${pick(lang, "综合得分", "Score")} ${fixed4(result.score)}  ${pick(lang, "等级", "grade")} ${result.grade ?? "—"}  ` +
      `${pick(lang, "目标", "target")} ${fixed4(result.target)}  ${verdict}`,
  ].join("\n");
}

export function renderParts(result: ScoreResult, framework: Framework, lang: Lang): string {
  const names = frameworkNames(framework);
  return renderTable(
    [
      pick(lang, "部分", "Part"),
      pick(lang, "权重", "Weight"),
      pick(lang, "得分率", "Score"),
      pick(lang, "失分", "Lost"),
    ],
    result.parts.map((part) => [
      names.name(part.code),
      figure(part.weight, 4),
      fixed4(part.score),
      fixed4(part.loss),
    ]),
    ["left", "right", "right", "right"],
  );
}

export function renderDepartments(result: ScoreResult, framework: Framework, lang: Lang): string {
  const names = frameworkNames(framework);
  return renderTable(
    [pick(lang, "成员单位", "Department"), pick(lang, "失分", "Lost")],
    result.departments.map((department) => [
      names.department(department.code),
      fixed4(department.loss),
    ]),
    ["left", "right"],
  );
}

/** The whole result as readable tables (`kaoping score` without --json). */
export function renderScoreTables(result: ScoreResult, framework: Framework, lang: Lang): string {
  const names = frameworkNames(framework);
  const indicators = renderTable(
    [
      pick(lang, "代码", "Code"),
      pick(lang, "指标", "Indicator"),
      pick(lang, "值", "Value"),
      pick(lang, "单位", "Unit"),
      pick(lang, "状态", "Status"),
      pick(lang, "得分率", "Ratio"),
      pick(lang, "失分", "Lost"),
    ],
    result.indicators.map((indicator) => {
      const [zh, en] = STATUS[indicator.status]!;
      return [
        indicator.code,
        names.name(indicator.code),
        figure(indicator.value, 4),
        names.unit(indicator.code),
        pick(lang, zh, en),
        percent(indicator.ratio),
        fixed4(indicator.loss),
      ];
    }),
    ["left", "left", "right", "left", "left", "right", "right"],
  );
  const work = renderTable(
    [
      pick(lang, "代码", "Code"),
      pick(lang, "工作项", "Work item"),
      pick(lang, "得分", "Earned"),
      pick(lang, "分值", "Points"),
      pick(lang, "失分", "Lost"),
    ],
    result.workItems.map((item) => [
      item.code,
      names.name(item.code),
      figure(item.earned, 4),
      figure(item.points, 4),
      fixed4(item.loss),
    ]),
    ["left", "left", "right", "right", "right"],
  );
  const plan =
    result.plan.length === 0
      ? pick(lang, "（已达到目标，无需补分）", "(target met; nothing to recover)")
      : renderTable(
          [
            pick(lang, "代码", "Code"),
            pick(lang, "项目", "Item"),
            pick(lang, "可追回", "Gain"),
            pick(lang, "需达到", "Needed"),
          ],
          result.plan.map((entry) => [
            entry.code,
            names.name(entry.code),
            fixed4(entry.gain),
            entry.needed === null ? pick(lang, "满分", "full points") : figure(entry.needed, 4),
          ]),
          ["left", "left", "right", "right"],
        );
  return [
    renderHeadline(result, framework, lang),
    "",
    renderParts(result, framework, lang),
    "",
    pick(lang, "指标考评", "Indicators"),
    indicators,
    "",
    pick(lang, "工作测评", "Work items"),
    work,
    "",
    pick(lang, "成员单位失分（从多到少）", "Points lost by department (most first)"),
    renderDepartments(result, framework, lang),
    "",
    pick(lang, "达到目标的补分路径", "Plan to reach the target"),
    plan,
  ].join("\n");
}
