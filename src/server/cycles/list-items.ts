import type { DepartmentItems, SavedValue } from "../../contract/api";
import type { AuthUser } from "../auth/auth-user";
import { departmentScope } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { notFound } from "../errors";
import { presentEvidence } from "../evidence/evidence.presenter";
import { presentValue } from "../values/values.presenter";
import { presentWorkAnswer } from "../work/work.presenter";
import {
  presentDepartmentIndicator,
  presentDepartmentWorkItem,
  presentItemElement,
  presentRegion,
} from "./cycles.presenter";
import { loadCycle } from "./load-cycle";
import { scoreLoadedCycle } from "./score-cycle";

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
): Promise<DepartmentItems> {
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
    regions: loaded.regions.map(presentRegion),
    indicators: indicators.map((indicator) =>
      presentDepartmentIndicator(
        indicator,
        results.get(indicator.code)!,
        indicator.compiled.inputs.map((code) =>
          presentItemElement(
            framework.elements.get(code)!,
            valuesByElement.get(code) ?? {},
            evidenceFor("dataElement", code),
          ),
        ),
        evidenceFor("indicator", indicator.code),
      ),
    ),
    workItems: workItems.map((item) => {
      const answer = answerByItem.get(item.code);
      return presentDepartmentWorkItem(
        item,
        answer ? presentWorkAnswer(answer) : null,
        evidenceFor("workItem", item.code),
      );
    }),
  };
}
