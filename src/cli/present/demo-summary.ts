import type { Framework, Lang, PlanEntry, Rule, ScoreResult } from "../../core";
import { frameworkNames, pick } from "./names";
import { figure, fixed4, percent } from "./numbers";
import { renderDepartments, renderHeadline, renderParts } from "./score-table";
import { renderTable } from "./text-table";

function lowerIsBetter(rule: Rule): boolean {
  if (rule.type === "inverse" || rule.type === "atMost" || rule.type === "cv") return true;
  return rule.type === "linear" && rule.to < rule.from;
}

/** One step of the plan as a sentence a leading-group member can act on. */
function describeStep(
  entry: PlanEntry,
  framework: Framework,
  result: ScoreResult,
  lang: Lang,
): string {
  const names = frameworkNames(framework);
  const gain = fixed4(entry.gain);
  if (entry.kind === "work") {
    const item = framework.workItems.find((candidate) => candidate.code === entry.code)!;
    const who = names.department(item.department);
    return pick(
      lang,
      `「${item.name}」（${who}）从 ${figure(entry.current, 2)} 分做到满分 ${figure(item.points, 2)} 分，可追回 ${gain}`,
      `"${item.name}" (${who}): from ${figure(entry.current, 2)} to the full ${figure(item.points, 2)} points, recovers ${gain}`,
    );
  }
  const indicator = framework.indicators.find((candidate) => candidate.code === entry.code)!;
  const outcome = result.indicators.find((candidate) => candidate.code === entry.code)!;
  const who = names.department(indicator.department);
  const unit = indicator.rule.type === "cv" ? "" : (indicator.unit ?? "");
  const needed = `${figure(entry.needed, 4)}${unit}`;
  if (outcome.status !== "ok") {
    const missing = outcome.missingInputs.join("、");
    return pick(
      lang,
      `「${indicator.name}」（${who}）${outcome.status === "missing" ? `缺少数据${missing ? `（${missing}）` : ""}` : "无法计算"}：补齐并达到 ${needed}，可追回 ${gain}`,
      `"${indicator.name}" (${who}) ${outcome.status === "missing" ? `has missing data${missing ? ` (${missing})` : ""}` : "cannot be computed"}: complete it and reach ${needed}, recovers ${gain}`,
    );
  }
  const subject =
    indicator.rule.type === "cv" ? pick(lang, "各地差异系数", "spread across regions (cv)") : "";
  const lower = lowerIsBetter(indicator.rule);
  return pick(
    lang,
    `「${indicator.name}」（${who}）${subject}从 ${figure(entry.current, 4)}${unit} ${lower ? "降到" : "提高到"} ${needed}，可追回 ${gain}`,
    `"${indicator.name}" (${who})${subject ? ` ${subject}` : ""}: ${lower ? "lower" : "raise"} from ${figure(entry.current, 4)}${unit} to ${needed}, recovers ${gain}`,
  );
}

/** The plan to the target in plain words. */
export function renderPlanInWords(result: ScoreResult, framework: Framework, lang: Lang): string {
  if (result.plan.length === 0) {
    return pick(
      lang,
      "已达到目标，无需补分。",
      "The target is met; nothing needs to be recovered.",
    );
  }
  const gap = fixed4(result.target - result.scoreExact);
  const steps = result.plan.map(
    (entry, index) => `  ${index + 1}. ${describeStep(entry, framework, result, lang)}`,
  );
  return [
    pick(
      lang,
      `距目标 ${fixed4(result.target)} 还差 ${gap}。按失分从多到少，做到以下 ${steps.length} 项即可达标：`,
      `The score is ${gap} short of the target ${fixed4(result.target)}. Recovering these ${steps.length} item(s), largest loss first, closes the gap:`,
    ),
    ...steps,
  ].join("\n");
}

function renderDomains(result: ScoreResult, framework: Framework, lang: Lang): string {
  const names = frameworkNames(framework);
  return renderTable(
    [
      pick(lang, "服务领域", "Service area"),
      pick(lang, "分值占比", "Share"),
      pick(lang, "失分", "Lost"),
      pick(lang, "得分率", "Rate"),
    ],
    result.domains.map((domain) => [
      names.name(domain.code),
      percent(domain.available),
      fixed4(domain.loss),
      domain.available > 0 ? percent(1 - domain.loss / domain.available) : "—",
    ]),
    ["left", "right", "right", "right"],
  );
}

/** `kaoping demo`: the bundled demo city's year at a glance. */
export function renderDemoSummary(result: ScoreResult, framework: Framework, lang: Lang): string {
  return [
    pick(
      lang,
      "【示例数据，仅供演示，非真实考评结果】",
      "[Illustrative demo data — not a real evaluation result]",
    ),
    "",
    renderHeadline(result, framework, lang),
    "",
    renderParts(result, framework, lang),
    "",
    pick(lang, "服务领域（八大领域及综合管理）", "Service areas (and general management)"),
    renderDomains(result, framework, lang),
    "",
    pick(lang, "成员单位失分（从多到少）", "Points lost by department (most first)"),
    renderDepartments(result, framework, lang),
    "",
    pick(lang, "达标路径", "Plan to the target"),
    renderPlanInWords(result, framework, lang),
  ].join("\n");
}
