import { CITY } from "../formats/check-data";
import type { Framework } from "../model";
import { localized, type Localized } from "../text/localized";

/** What a check is about; the web app links each to its item. */
export interface CheckTarget {
  kind: "dataElement" | "indicator" | "workItem";
  code: string;
  /** For a figure: the region (or `city`). */
  region?: string;
}

export type CheckCode =
  | "missing_figures"
  | "missing_evidence"
  | "unanswered_work"
  | "implausible_figure"
  | "large_change";

/** One finding before submitting. Errors block; warnings need a written justification. */
export interface SubmissionCheck {
  /** Stable for the same finding, so a justification can name it. */
  id: string;
  code: CheckCode;
  severity: "error" | "warning";
  target: CheckTarget;
  message: Localized;
}

export interface Figure {
  value: number;
  note: string | null;
}

export interface CheckInput {
  framework: Framework;
  department: string;
  /** The year's region codes, in order, with their names for messages. */
  regions: readonly { code: string; name: string }[];
  /** Figures entered this year: element → region (or `city`) → figure. */
  figures: ReadonlyMap<string, ReadonlyMap<string, Figure>>;
  /** Last year's figures, when there was a last year: element → region → value. */
  lastYear?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Items with evidence filed by the department, as `kind:code`. */
  evidence: ReadonlySet<string>;
  /** Work items answered. */
  answered: ReadonlySet<string>;
}

const checkId = (code: CheckCode, target: CheckTarget) =>
  [code, target.kind, target.code, target.region ?? ""].join(":");

function make(code: CheckCode, target: CheckTarget, message: Localized): SubmissionCheck {
  const severity = code === "implausible_figure" || code === "large_change" ? "warning" : "error";
  return { id: checkId(code, target), code, severity, target, message };
}

/** The department's data elements, in the order its indicators first read them. */
function elementsOf(framework: Framework, department: string): string[] {
  const seen = new Set<string>();
  for (const indicator of framework.indicators) {
    if (indicator.department !== department) continue;
    for (const code of indicator.compiled.inputs) seen.add(code);
  }
  return [...seen];
}

/** Regions still missing a figure, by the rule of progress/figure-coverage.ts. */
function missingRegions(
  regions: readonly { code: string; name: string }[],
  figures: ReadonlyMap<string, Figure> | undefined,
): { code: string; name: string }[] {
  const cityOnly = figures?.has(CITY) && !regions.some((region) => figures.has(region.code));
  if (regions.length === 0 || cityOnly) {
    return figures?.has(CITY) ? [] : [{ code: CITY, name: "全市" }];
  }
  return regions.filter((region) => !figures?.has(region.code));
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/**
 * Everything a head should see before certifying: figures missing, evidence an
 * indicator requires but lacks, work items unanswered (errors); a figure outside its
 * element's plausible range, a figure that moved more than the framework's
 * `checks.changePercent` from last year without a note (warnings). In the framework's
 * order, so the list reads like the tables.
 */
export function submissionChecks(input: CheckInput): SubmissionCheck[] {
  const { framework, department } = input;
  const checks: SubmissionCheck[] = [];
  const regionName = new Map(input.regions.map((region) => [region.code, region.name]));
  regionName.set(CITY, "全市");
  const threshold = framework.doc.checks.changePercent / 100;

  for (const code of elementsOf(framework, department)) {
    const element = framework.elements.get(code);
    const figures = input.figures.get(code);
    const missing = missingRegions(input.regions, figures);
    if (missing.length > 0) {
      const names = missing.map((region) => region.name).join("、");
      checks.push(
        make(
          "missing_figures",
          { kind: "dataElement", code },
          localized(
            `${element?.name ?? code}（${code}）缺少 ${missing.length} 个数据：${names}`,
            `${element?.name ?? code} (${code}) lacks ${missing.length} figure(s): ${names}`,
          ),
        ),
      );
    }
    for (const [region, figure] of figures ?? []) {
      const target: CheckTarget = { kind: "dataElement", code, region };
      const where = regionName.get(region) ?? region;
      const plausible = element?.plausible;
      const low = plausible?.min !== undefined && figure.value < plausible.min;
      const high = plausible?.max !== undefined && figure.value > plausible.max;
      if (low || high) {
        const range = `${plausible?.min ?? "…"}–${plausible?.max ?? "…"}`;
        checks.push(
          make(
            "implausible_figure",
            target,
            localized(
              `${element?.name ?? code}·${where}：${figure.value} 不在通常范围 ${range} 内`,
              `${element?.name ?? code} · ${where}: ${figure.value} is outside the usual range ${range}`,
            ),
          ),
        );
      }
      const before = input.lastYear?.get(code)?.get(region);
      if (before === undefined || (figure.note ?? "").trim() !== "") continue;
      // The difference over last year's figure (exact at the threshold: 130 against 100
      // is 30 %, not a hair more); when two huge figures of opposite sign overflow the
      // difference, divided first instead. A ratio too large to write is put in words.
      const fromZero = before === 0;
      const difference = figure.value - before;
      const change = fromZero
        ? 0
        : Number.isFinite(difference)
          ? difference / Math.abs(before)
          : figure.value / Math.abs(before) - Math.sign(before);
      const large = fromZero ? figure.value !== 0 : !(Math.abs(change) <= threshold);
      if (large) {
        const moved = fromZero
          ? "由 0 变为非 0"
          : Number.isFinite(change)
            ? percent(change)
            : "变动幅度极大";
        const movedEn = fromZero
          ? "from 0 to non-zero"
          : Number.isFinite(change)
            ? percent(change)
            : "an extreme change";
        checks.push(
          make(
            "large_change",
            target,
            localized(
              `${element?.name ?? code}·${where}：${before} → ${figure.value}（${moved}），变动超过 ${framework.doc.checks.changePercent}% 且无说明`,
              `${element?.name ?? code} · ${where}: ${before} → ${figure.value} (${movedEn}), more than ${framework.doc.checks.changePercent}% without a note`,
            ),
          ),
        );
      }
    }
  }

  for (const indicator of framework.indicators) {
    if (indicator.department !== department || !indicator.evidence?.length) continue;
    const filed =
      input.evidence.has(`indicator:${indicator.code}`) ||
      indicator.compiled.inputs.some((element) => input.evidence.has(`dataElement:${element}`));
    if (!filed) {
      checks.push(
        make(
          "missing_evidence",
          { kind: "indicator", code: indicator.code },
          localized(
            `${indicator.code} ${indicator.name}：未上传辅证材料（要求：${indicator.evidence.join("；")}）`,
            `${indicator.code} ${indicator.name}: no evidence attached (required: ${indicator.evidence.join("; ")})`,
          ),
        ),
      );
    }
  }

  for (const item of framework.workItems) {
    if (item.department !== department || input.answered.has(item.code)) continue;
    checks.push(
      make(
        "unanswered_work",
        { kind: "workItem", code: item.code },
        localized(`${item.code} ${item.name}：尚未自评`, `${item.code} ${item.name}: not answered`),
      ),
    );
  }
  return checks;
}

/**
 * Whether the checks allow submitting with these justifications: no error, and every
 * warning justified with text. Returns what still stands in the way.
 */
export function blockingChecks(
  checks: readonly SubmissionCheck[],
  justified: ReadonlyMap<string, string>,
): SubmissionCheck[] {
  return checks.filter(
    (check) => check.severity === "error" || (justified.get(check.id) ?? "").trim().length === 0,
  );
}
