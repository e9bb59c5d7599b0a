/**
 * Everything a self-evaluation report says, gathered from the data into plain values
 * (no I/O, no formatting decisions beyond the numbers' text). The same payload feeds the
 * Word report and the report pages of the bound PDF volume.
 */

/** The sections the department (or the office, for the city) writes in the app. */
export const NARRATIVE_SECTIONS = ["work", "problems", "next"] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
export type Narratives = Record<NarrativeSection, string>;

export interface PayloadPart {
  code: string;
  name: string;
  kind: "indicators" | "work" | "satisfaction";
  weight: number;
  /** Part score S_p in [0, 1]. */
  score: number;
  /** Share of the whole score this part did not get. */
  loss: number;
}

export interface PayloadDomain {
  code: string;
  name: string;
  available: number;
  loss: number;
  indicatorCount: number;
  belowTargetCount: number;
  workItemCount: number;
  workShortCount: number;
}

export interface PayloadDepartment {
  code: string;
  name: string;
  loss: number;
  indicatorCount: number;
  workItemCount: number;
  /** Hand-in state (draft, submitted, returned, accepted) when known. */
  state: string | null;
}

export interface PayloadIndicator {
  code: string;
  name: string;
  domain: string;
  department: string;
  unit: string | null;
  weight: number;
  status: "ok" | "missing" | "error";
  value: number | null;
  ratio: number;
  /** The value that earns r = 1. */
  needed: number;
  loss: number;
}

export interface PayloadWorkItem {
  code: string;
  name: string;
  domain: string;
  department: string;
  points: number;
  earned: number;
  loss: number;
}

export interface PayloadEqualization {
  indicator: string;
  name: string;
  regions: number;
  cv: number | null;
  theil: number | null;
  gini: number | null;
  maxMin: number | null;
  /** The region with the lowest and highest value, by name. */
  lowest: { region: string; value: number } | null;
  highest: { region: string; value: number } | null;
}

export interface PayloadPlanStep {
  code: string;
  name: string;
  kind: "indicator" | "work";
  gain: number;
  needed: number | null;
  current: number | null;
}

export interface ReportPayload {
  scope: "city" | "department";
  city: string;
  year: number;
  /** For a department report. */
  department: { code: string; name: string } | null;
  frameworkName: string;
  /** Demo data is labelled wherever it is shown. */
  illustrative: boolean;
  /** Date written on the report, YYYY-MM-DD (Beijing). */
  date: string;
  score: {
    score: number;
    scoreExact: number;
    grade: string | null;
    target: number;
    meetsTarget: boolean;
  };
  regionCount: number;
  departmentCount: number;
  parts: PayloadPart[];
  domains: PayloadDomain[];
  departments: PayloadDepartment[];
  /** The indicators in scope (all for the city; the department's own otherwise). */
  indicators: PayloadIndicator[];
  workItems: PayloadWorkItem[];
  equalization: PayloadEqualization[];
  plan: PayloadPlanStep[];
  narratives: Narratives;
}
