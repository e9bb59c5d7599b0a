import type { Dataset, Framework } from "../model";
import { valueNeeded } from "../scoring/rules";
import type { IndicatorResult, ScoreResult, WorkItemResult } from "../scoring/types";
import type {
  Narratives,
  PayloadDepartment,
  PayloadDomain,
  PayloadEqualization,
  PayloadIndicator,
  PayloadPart,
  PayloadPlanStep,
  PayloadWorkItem,
  ReportPayload,
} from "./report-payload";

export interface ReportPayloadInput {
  framework: Framework;
  dataset: Dataset;
  score: ScoreResult;
  /** The city's name as written on the report, e.g. "惠州市". */
  city: string;
  /** The department whose report this is; null for the city's overall report. */
  department: { code: string; name: string } | null;
  illustrative: boolean;
  /** YYYY-MM-DD (Beijing). */
  date: string;
  narratives: Narratives;
  /** Hand-in state per department code, when known. */
  states?: Record<string, string>;
}

/** A figure that is not finite is written as 0 rather than let NaN or Infinity into a report. */
function finite(value: number): number {
  return Number.isFinite(value) ? value + 0 : 0;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value + 0;
}

function sumLoss(items: readonly { loss: number }[]): number {
  return finite(items.reduce((sum, item) => sum + item.loss, 0));
}

/**
 * The report's content for the city or for one department. A department's report keeps
 * the city's score (it states the city's result) but lists only its own indicators, work
 * items, service areas and steps of the plan, and its own share of the loss.
 */
export function buildReportPayload(input: ReportPayloadInput): ReportPayload {
  const { framework, dataset, score, department } = input;
  const inScope = (item: { department: string }) =>
    department === null || item.department === department.code;
  const indicatorResults = score.indicators.filter(inScope);
  const workResults = score.workItems.filter(inScope);

  return {
    scope: department === null ? "city" : "department",
    city: input.city,
    year: score.year,
    department: department === null ? null : { code: department.code, name: department.name },
    frameworkName: framework.doc.name,
    illustrative: input.illustrative,
    date: input.date,
    score: {
      score: finite(score.score),
      scoreExact: finite(score.scoreExact),
      grade: score.grade,
      target: finite(score.target),
      meetsTarget: score.meetsTarget,
    },
    regionCount: dataset.regions.length,
    departmentCount: framework.doc.departments.length,
    parts: partsOf(framework, score),
    domains: domainsOf(framework, score, indicatorResults, workResults, department !== null),
    departments: departmentsOf(framework, score, input.states ?? {}, department?.code ?? null),
    indicators: indicatorResults.map((result) => indicatorOf(framework, result)),
    workItems: workResults.map((result) => workItemOf(framework, result)),
    equalization: equalizationOf(framework, dataset, indicatorResults),
    plan: planOf(framework, score, department?.code ?? null),
    narratives: { ...input.narratives },
  };
}

function partsOf(framework: Framework, score: ScoreResult): PayloadPart[] {
  const names = new Map(framework.parts.map((part) => [part.code, part.name]));
  return score.parts.map((part) => ({
    code: part.code,
    name: names.get(part.code) ?? part.code,
    kind: part.kind,
    weight: finite(part.weight),
    score: finite(part.score),
    loss: finite(part.loss),
  }));
}

/**
 * Every service area for the city. For a department, only the areas it has items in,
 * with its own counts and loss; `available` stays the area's share of the whole score.
 */
function domainsOf(
  framework: Framework,
  score: ScoreResult,
  indicators: readonly IndicatorResult[],
  workItems: readonly WorkItemResult[],
  departmentOnly: boolean,
): PayloadDomain[] {
  const available = new Map(score.domains.map((domain) => [domain.code, domain.available]));
  return framework.doc.domains
    .map((domain) => {
      const ownIndicators = indicators.filter((item) => item.domain === domain.code);
      const ownWork = workItems.filter((item) => item.domain === domain.code);
      return {
        code: domain.code,
        name: domain.name,
        available: finite(available.get(domain.code) ?? 0),
        loss: sumLoss([...ownIndicators, ...ownWork]),
        indicatorCount: ownIndicators.length,
        belowTargetCount: ownIndicators.filter((item) => item.ratio < 1).length,
        workItemCount: ownWork.length,
        workShortCount: ownWork.filter((item) => item.earned < item.points).length,
      };
    })
    .filter((domain) => !departmentOnly || domain.indicatorCount + domain.workItemCount > 0);
}

/** Departments by loss, largest first (the scorer's order); only the one for its own report. */
function departmentsOf(
  framework: Framework,
  score: ScoreResult,
  states: Record<string, string>,
  only: string | null,
): PayloadDepartment[] {
  const names = new Map(framework.doc.departments.map((entry) => [entry.code, entry.name]));
  return score.departments
    .filter((entry) => only === null || entry.code === only)
    .map((entry) => ({
      code: entry.code,
      name: names.get(entry.code) ?? entry.code,
      loss: finite(entry.loss),
      indicatorCount: score.indicators.filter((item) => item.department === entry.code).length,
      workItemCount: score.workItems.filter((item) => item.department === entry.code).length,
      // Own-property lookup only: a department code such as "__proto__" must not read Object's.
      state: Object.hasOwn(states, entry.code) ? states[entry.code]! : null,
    }));
}

function indicatorOf(framework: Framework, result: IndicatorResult): PayloadIndicator {
  const definition = framework.indicators.find((item) => item.code === result.code);
  return {
    code: result.code,
    name: definition?.name ?? result.code,
    domain: result.domain,
    department: result.department,
    unit: definition?.unit ?? null,
    weight: finite(definition?.weight ?? 0),
    status: result.status,
    value: result.status === "ok" ? finiteOrNull(result.value) : null,
    ratio: finite(result.ratio),
    needed: definition ? finite(valueNeeded(definition.rule)) : 0,
    loss: finite(result.loss),
  };
}

function workItemOf(framework: Framework, result: WorkItemResult): PayloadWorkItem {
  const definition = framework.workItems.find((item) => item.code === result.code);
  return {
    code: result.code,
    name: definition?.name ?? result.code,
    domain: result.domain,
    department: result.department,
    points: finite(result.points),
    earned: finite(result.earned),
    loss: finite(result.loss),
  };
}

/** Findings for each indicator whose spread across the regions was measured. */
function equalizationOf(
  framework: Framework,
  dataset: Dataset,
  indicators: readonly IndicatorResult[],
): PayloadEqualization[] {
  const regionNames = new Map(dataset.regions.map((region) => [region.code, region.name]));
  const order = dataset.regions.map((region) => region.code);
  return indicators.flatMap((result) => {
    if (!result.equalization) return [];
    // Region order decides ties, so the same figures always name the same county.
    const points = order
      .filter((code) => Object.hasOwn(result.regions, code))
      .map((code) => ({ region: regionNames.get(code) ?? code, value: result.regions[code]! }))
      .filter((point) => Number.isFinite(point.value));
    let lowest = points[0] ?? null;
    let highest = points[0] ?? null;
    for (const point of points) {
      if (lowest && point.value < lowest.value) lowest = point;
      if (highest && point.value > highest.value) highest = point;
    }
    const measures = result.equalization;
    return [
      {
        indicator: result.code,
        name: framework.indicators.find((item) => item.code === result.code)?.name ?? result.code,
        regions: points.length,
        cv: finiteOrNull(measures.cv),
        theil: finiteOrNull(measures.theil),
        gini: finiteOrNull(measures.gini),
        maxMin: finiteOrNull(measures.maxMin),
        lowest: lowest && { region: lowest.region, value: lowest.value + 0 },
        highest: highest && { region: highest.region, value: highest.value + 0 },
      },
    ];
  });
}

/** The plan to the target, names looked up; a department's report keeps its own steps. */
function planOf(framework: Framework, score: ScoreResult, only: string | null): PayloadPlanStep[] {
  // Keyed by kind as well: an indicator and a work item may share a code.
  const items = new Map<string, { name: string; department: string }>();
  for (const item of framework.indicators) items.set(`indicator:${item.code}`, item);
  for (const item of framework.workItems) items.set(`work:${item.code}`, item);
  const itemOf = (step: { kind: string; code: string }) => items.get(`${step.kind}:${step.code}`);
  return score.plan
    .filter((step) => only === null || itemOf(step)?.department === only)
    .map((step) => ({
      code: step.code,
      name: itemOf(step)?.name ?? step.code,
      kind: step.kind,
      gain: finite(step.gain),
      needed: finiteOrNull(step.needed),
      current: finiteOrNull(step.current),
    }));
}
