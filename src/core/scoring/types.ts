import type { Equalization } from "../equalization/measures";

export type IndicatorStatus = "ok" | "missing" | "error";

/** One indicator's outcome. `value` is null unless `status` is ok; then `ratio` is 0. */
export interface IndicatorResult {
  code: string;
  partCode: string;
  domain: string;
  department: string;
  status: IndicatorStatus;
  value: number | null;
  ratio: number;
  loss: number;
  /** Inputs that had no value, when status is missing. */
  missingInputs: string[];
  regions: Record<string, number>;
  equalization?: Equalization;
}

export interface WorkItemResult {
  code: string;
  partCode: string;
  domain: string;
  department: string;
  earned: number;
  points: number;
  loss: number;
  answered: boolean;
}

export interface PartResult {
  code: string;
  kind: "indicators" | "work" | "satisfaction";
  weight: number;
  score: number;
  /** The part's share of the composite it did not get: (W_p / ΣW) × (1 − S_p). */
  loss: number;
}

export interface DepartmentLoss {
  code: string;
  loss: number;
}

/** What each service area (domain) could give and what it lost, as shares of the whole score. */
export interface DomainResult {
  code: string;
  available: number;
  loss: number;
}

export interface PlanEntry {
  code: string;
  kind: "indicator" | "work";
  gain: number;
  /** For an indicator: the value that earns r = 1; null for a work item. */
  needed: number | null;
  /** Current value (indicator) or points earned (work item), for explaining the step. */
  current: number | null;
}

/** Everything the scoring core knows about one year; presenters choose what to show. */
export interface ScoreResult {
  framework: string;
  year: number;
  score: number;
  scoreExact: number;
  grade: string | null;
  target: number;
  meetsTarget: boolean;
  parts: PartResult[];
  indicators: IndicatorResult[];
  workItems: WorkItemResult[];
  departments: DepartmentLoss[];
  domains: DomainResult[];
  /** Loss of satisfaction parts and of parts with no items, which no item answers for. */
  partLevelLoss: number;
  plan: PlanEntry[];
}
