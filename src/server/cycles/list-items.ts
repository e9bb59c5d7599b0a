import type { AuthUser } from "../auth/auth-user";
import { departmentScope } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { notFound } from "../errors";
import type { EvidenceRow } from "../evidence/evidence.repository";
import { presentValue, type SavedValue } from "../values/save-value";
import { loadCycle } from "./load-cycle";
import { scoreLoadedCycle } from "./score-cycle";

export interface EvidenceSummary {
  id: string;
  targetKind: string;
  targetCode: string;
  originalName: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

export const presentEvidence = (row: EvidenceRow): EvidenceSummary => ({
  id: row.id,
  targetKind: row.target_kind,
  targetCode: row.target_code,
  originalName: row.original_name,
  mimeType: row.mime_type,
  size: row.size,
  sha256: row.sha256,
  uploadedBy: row.uploaded_by,
  uploadedAt: row.uploaded_at,
});

/**
 * A department's indicator table and work table for a year: each indicator with the
 * figures it reads (value, version, note, who, when per region), its computed status,
 * and the evidence attached; each work item with its answer. A department user gets
 * only their own department; the office may ask for any, or all.
 */
export async function listItems(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  requested?: string,
) {
  const department = departmentScope(user, requested);
  const loaded = await loadCycle(deps, year);
  const { framework, cycle } = loaded;
  if (
    department !== undefined &&
    !framework.doc.departments.some((candidate) => candidate.code === department)
  ) {
    throw notFound(`没有成员单位 ${department}`, `there is no department ${department}`);
  }
  const mine = <T extends { department: string }>(items: T[]) =>
    department === undefined ? items : items.filter((item) => item.department === department);
  const indicators = mine(framework.indicators);
  const workItems = mine(framework.workItems);
  const elementCodes = [...new Set(indicators.flatMap((indicator) => indicator.compiled.inputs))];

  const [values, answers, evidence, score] = await Promise.all([
    deps.repos.values.forElements(cycle.id, elementCodes),
    deps.repos.work.forCycle(cycle.id),
    deps.repos.evidence.forCycle(cycle.id),
    scoreLoadedCycle(deps, loaded),
  ]);
  const valuesByElement = new Map<string, Record<string, SavedValue>>();
  for (const row of values) {
    const byRegion = valuesByElement.get(row.element_code) ?? {};
    byRegion[row.region_code] = presentValue(row);
    valuesByElement.set(row.element_code, byRegion);
  }
  const evidenceFor = (kind: string, code: string) =>
    evidence
      .filter(
        (row) =>
          row.target_kind === kind &&
          row.target_code === code &&
          (department === undefined || row.department_code === department),
      )
      .map(presentEvidence);
  const results = new Map(score.indicators.map((result) => [result.code, result]));
  const answerByItem = new Map(answers.map((answer) => [answer.itemCode, answer]));

  return {
    year,
    department: department ?? null,
    regions: loaded.regions,
    indicators: indicators.map((indicator) => {
      const result = results.get(indicator.code)!;
      return {
        code: indicator.code,
        name: indicator.name,
        domain: indicator.domain,
        department: indicator.department,
        unit: indicator.unit ?? null,
        weight: indicator.weight,
        formula: indicator.formula,
        rule: indicator.rule,
        evidenceRequired: indicator.evidence ?? [],
        status: result.status,
        value: result.value,
        ratio: result.ratio,
        loss: result.loss,
        elements: indicator.compiled.inputs.map((code) => {
          const element = framework.elements.get(code)!;
          return {
            code,
            name: element.name,
            unit: element.unit ?? null,
            aggregation: element.aggregation,
            values: valuesByElement.get(code) ?? {},
            evidence: evidenceFor("dataElement", code),
          };
        }),
        evidence: evidenceFor("indicator", indicator.code),
      };
    }),
    workItems: workItems.map((item) => {
      const answer = answerByItem.get(item.code) ?? null;
      return {
        code: item.code,
        name: item.name,
        domain: item.domain,
        department: item.department,
        points: item.points,
        criteria: item.criteria,
        answer,
        earned: answer ? Object.values(answer.awarded).reduce((sum, points) => sum + points, 0) : 0,
        evidence: evidenceFor("workItem", item.code),
      };
    }),
  };
}
