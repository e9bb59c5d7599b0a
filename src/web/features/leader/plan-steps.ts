/**
 * The plan to the target (the score's `plan` entries) in words a leading-group member
 * can act on: which item, from what to what, and how much of the score it recovers.
 * Pure: the dashboard and its unit test give the same sentences for the same inputs.
 */
import type { FrameworkDocument } from "../../../contract/api";
import type { ScoreReport } from "../../../contract/score-report";
import { LOSS_TIE_TOLERANCE } from "../../../core/scoring/plan";
import {
  formatNumber,
  formatScore,
  formatWithUnit as withUnit,
  type FormatLanguage,
} from "../../shared/format";

export type PlanStep = ScoreReport["plan"][number];
type IndicatorOutcome = ScoreReport["indicators"][number];

/** What a step is about: an indicator with its current value, or a work item. */
export type PlanSubject =
  | {
      kind: "indicator";
      name: string;
      unit: string | null;
      status: IndicatorOutcome["status"];
      value: number | null;
      /** The rule scores the spread across regions (cv), not a city figure. */
      spread: boolean;
      /** Whether a lower value scores better (inverse, atMost, cv, a falling linear rule). */
      lowerIsBetter: boolean;
    }
  | { kind: "work"; name: string; points: number; earned: number };

/** One plan entry as a sentence, e.g. 将「每万人全科医生数」补齐并达到 3 人，可追回 0.0060. */
export function describePlanStep(
  step: PlanStep,
  subject: PlanSubject,
  lang: FormatLanguage,
): string {
  const gain = formatScore(step.gain);
  if (subject.kind === "work") {
    const from = formatNumber(subject.earned, 2);
    const full = formatNumber(subject.points, 2);
    return lang === "zh"
      ? `将「${subject.name}」从 ${from} 分做到满分 ${full} 分，可追回 ${gain}`
      : `Bring "${subject.name}" from ${from} to the full ${full} points, recovering ${gain}`;
  }
  const unit = subject.spread ? null : subject.unit;
  if (step.needed === null) {
    return lang === "zh"
      ? `将「${subject.name}」做到满分，可追回 ${gain}`
      : `Bring "${subject.name}" to full marks, recovering ${gain}`;
  }
  const needed = withUnit(step.needed, unit);
  if (subject.status === "missing") {
    return lang === "zh"
      ? `将「${subject.name}」补齐并达到 ${needed}，可追回 ${gain}`
      : `Complete "${subject.name}" and reach ${needed}, recovering ${gain}`;
  }
  if (subject.status === "error" || subject.value === null) {
    return lang === "zh"
      ? `核实「${subject.name}」的数据（当前无法计算）并达到 ${needed}，可追回 ${gain}`
      : `Correct the data of "${subject.name}" (it cannot be computed now) and reach ${needed}, recovering ${gain}`;
  }
  const lower = subject.value === step.needed ? subject.lowerIsBetter : step.needed < subject.value;
  const current = withUnit(subject.value, unit);
  const what = subject.spread
    ? lang === "zh"
      ? `「${subject.name}」的各地差异系数`
      : `the spread across regions (CV) of "${subject.name}"`
    : lang === "zh"
      ? `「${subject.name}」`
      : `"${subject.name}"`;
  if (lang === "zh") {
    return `将${what}从 ${current} ${lower ? "降到" : "提高到"} ${needed}，可追回 ${gain}`;
  }
  return `${lower ? "Lower" : "Raise"} ${what} from ${current} to ${needed}, recovering ${gain}`;
}

type Rule = FrameworkDocument["indicators"][number]["rule"];

function lowerIsBetter(rule: Rule): boolean {
  if (rule.type === "inverse" || rule.type === "atMost" || rule.type === "cv") return true;
  return rule.type === "linear" && rule.to < rule.from;
}

/** Finds what a plan entry is about in the framework and the score; null for an unknown code. */
export function planSubjectFor(
  code: string,
  framework: FrameworkDocument,
  report: ScoreReport,
): PlanSubject | null {
  const indicator = framework.indicators.find((candidate) => candidate.code === code);
  if (indicator) {
    const outcome = report.indicators.find((candidate) => candidate.code === code);
    return {
      kind: "indicator",
      name: indicator.name,
      unit: indicator.unit ?? null,
      status: outcome?.status ?? "missing",
      value: outcome?.value ?? null,
      spread: indicator.rule.type === "cv",
      lowerIsBetter: lowerIsBetter(indicator.rule),
    };
  }
  const item = framework.workItems.find((candidate) => candidate.code === code);
  if (!item) return null;
  const outcome = report.workItems.find((candidate) => candidate.code === code);
  return {
    kind: "work",
    name: item.name,
    points: item.points,
    earned: outcome?.earned ?? 0,
  };
}

export type PlanOutcome =
  | { kind: "met" }
  | { kind: "reaches"; gap: number; recovered: number }
  | { kind: "short"; gap: number; recovered: number; remaining: number };

/** Whether the plan closes the gap: the target is met already, the plan reaches it, or not. */
export function planOutcome(report: ScoreReport): PlanOutcome {
  if (report.meetsTarget) return { kind: "met" };
  const gap = report.target - report.scoreExact;
  const recovered = report.plan.reduce((sum, step) => sum + step.gain, 0);
  // The core stops adding steps once the gains reach the gap within this tolerance.
  if (recovered >= gap - LOSS_TIE_TOLERANCE) return { kind: "reaches", gap, recovered };
  return { kind: "short", gap, recovered, remaining: gap - recovered };
}

/** The sentence above the plan's steps. */
export function describePlanOutcome(
  outcome: PlanOutcome,
  target: number,
  steps: number,
  lang: FormatLanguage,
): string {
  const goal = formatScore(target);
  if (outcome.kind === "met") {
    return lang === "zh"
      ? `已达到目标 ${goal}，无需补分。`
      : `The target ${goal} is met; nothing needs to be recovered.`;
  }
  const gap = formatScore(outcome.gap);
  const recovered = formatScore(outcome.recovered);
  if (outcome.kind === "reaches") {
    return lang === "zh"
      ? `距目标 ${goal} 还差 ${gap}。按失分从多到少做到以下 ${steps} 项（合计可追回 ${recovered}），即可达到目标。`
      : `The score is ${gap} short of the target ${goal}. Doing these ${steps} item(s), largest loss first (recovering ${recovered} in all), reaches the target.`;
  }
  const remaining = formatScore(outcome.remaining);
  if (steps === 0) {
    return lang === "zh"
      ? `距目标 ${goal} 还差 ${gap}，但没有可以追回分数的指标或工作项：失分来自群众满意度等不对应单项的部分，仅靠单项无法达到目标。`
      : `The score is ${gap} short of the target ${goal}, but no indicator or work item can recover points: the loss is in parts such as satisfaction, so items alone cannot reach the target.`;
  }
  return lang === "zh"
    ? `距目标 ${goal} 还差 ${gap}。即使做到以下全部 ${steps} 项（合计可追回 ${recovered}），仍差 ${remaining}，无法达到目标：其余失分来自群众满意度等不对应单项的部分。`
    : `The score is ${gap} short of the target ${goal}. Even all ${steps} item(s) below (recovering ${recovered}) leave ${remaining} to go, so the target cannot be reached: the rest is lost in parts such as satisfaction.`;
}
