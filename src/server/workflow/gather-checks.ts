import { submissionChecks, type SubmissionCheck } from "../../core/workflow/checks";
import { elementsOfDepartment } from "../auth/policy";
import type { LoadedCycle } from "../cycles/load-cycle";
import type { Repositories } from "../repositories";

/**
 * The checks before a department submits (core/workflow/checks.ts), fed from the
 * stored figures, last year's figures of the same elements (when that year exists),
 * the department's evidence and its work answers. Read through `repos`, so inside the
 * submitting transaction the checks judge exactly what is certified.
 */
export async function gatherChecks(
  repos: Repositories,
  loaded: LoadedCycle,
  department: string,
): Promise<SubmissionCheck[]> {
  const { cycle, framework, regions } = loaded;
  const elements = [...elementsOfDepartment(framework, department)];
  const lastCycle = await repos.cycles.byYear(cycle.year - 1);
  const [values, previous, evidence, answers] = await Promise.all([
    repos.values.forElements(cycle.id, elements),
    lastCycle ? repos.values.forElements(lastCycle.id, elements) : Promise.resolve([]),
    repos.evidence.forCycle(cycle.id),
    repos.work.forCycle(cycle.id),
  ]);
  const figures = new Map<string, Map<string, { value: number; note: string | null }>>();
  for (const row of values) {
    let byRegion = figures.get(row.element_code);
    if (!byRegion) figures.set(row.element_code, (byRegion = new Map()));
    byRegion.set(row.region_code, { value: row.value, note: row.note });
  }
  const lastYear = new Map<string, Map<string, number>>();
  for (const row of previous) {
    let byRegion = lastYear.get(row.element_code);
    if (!byRegion) lastYear.set(row.element_code, (byRegion = new Map()));
    byRegion.set(row.region_code, row.value);
  }
  return submissionChecks({
    framework,
    department,
    regions: regions.map((region) => ({ code: region.code, name: region.name })),
    figures,
    ...(lastCycle ? { lastYear } : {}),
    evidence: new Set(
      evidence
        .filter((row) => row.department_code === department)
        .map((row) => `${row.target_kind}:${row.target_code}`),
    ),
    answered: new Set(answers.map((answer) => answer.itemCode)),
  });
}

/** The declaration a head certifies with (the plan's wording), per department and year. */
export function declarationText(year: number, departmentName: string): string {
  return (
    `本单位（${departmentName}）郑重承诺：所报送的 ${year} 年度基本公共服务均等化绩效考评` +
    `指标数据、工作测评自评结果及辅证材料真实、准确、完整，不存在虚报、瞒报、漏报；` +
    `如有不实，本单位及负责人愿承担相应责任。`
  );
}
