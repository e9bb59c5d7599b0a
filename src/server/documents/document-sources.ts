import { loadData, scoreYear, type Dataset, type ScoreResult } from "../../core";
import { isIllustrativeFramework } from "../../core/documents/illustrative";
import { NARRATIVE_SECTIONS, type Narratives } from "../../core/documents/report-payload";
import { beijingDate } from "../../core/workflow/deadline";
import type { AuthUser } from "../auth/auth-user";
import { isDepartmentUser } from "../auth/auth-user";
import { CITY_READERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { gatherDataDocument } from "../cycles/gather-data-document";
import { loadCycle, type LoadedCycle } from "../cycles/load-cycle";
import { forbidden } from "../errors";
import type { Repositories } from "../repositories";
import { assertDepartmentOf } from "../workflow/read-submission";

/** "city" is the office's scope: the overall report and the city's tables. */
export const CITY_SCOPE = "city";

export interface DocumentScope {
  loaded: LoadedCycle;
  /** Null for the city. */
  department: { code: string; name: string } | null;
}

/**
 * Who may read a scope's documents: the city's, every city-wide reader; a department's,
 * those readers and the department's own users — never another department's.
 */
export async function resolveDocumentScope(
  deps: Pick<UseCaseDeps, "repos" | "pinned">,
  user: AuthUser,
  year: number,
  scope: string,
): Promise<DocumentScope> {
  if (scope === CITY_SCOPE) {
    requireRole(user, CITY_READERS);
    return { loaded: await loadCycle(deps, year), department: null };
  }
  if (isDepartmentUser(user)) {
    if (user.departmentCode !== scope) {
      throw forbidden(
        "只能下载本单位的材料",
        "you may only download your own department's documents",
      );
    }
  } else {
    requireRole(user, CITY_READERS);
  }
  const loaded = await loadCycle(deps, year);
  const name = assertDepartmentOf(loaded, scope);
  return { loaded, department: { code: scope, name } };
}

/** Everything a document of one scope is made from, read on one snapshot of the database. */
export interface DocumentSources extends DocumentScope {
  dataset: Dataset;
  score: ScoreResult;
  city: string;
  illustrative: boolean;
  /** Beijing date the documents are dated, YYYY-MM-DD. */
  date: string;
  narratives: Narratives;
  narrativeVersions: Record<string, number>;
  /** Hand-in state per department. */
  states: Record<string, string>;
}

export async function readNarratives(
  repos: Repositories,
  cycleId: string,
  scope: string,
): Promise<{ narratives: Narratives; versions: Record<string, number> }> {
  const stored = await repos.documents.narratives(cycleId, scope);
  const narratives = { work: "", problems: "", next: "" } as Narratives;
  const versions: Record<string, number> = { work: 0, problems: 0, next: 0 };
  for (const row of stored) {
    if (!(NARRATIVE_SECTIONS as readonly string[]).includes(row.section)) continue;
    narratives[row.section as keyof Narratives] = row.text;
    versions[row.section] = row.version;
  }
  return { narratives, versions };
}

/** The city's name on documents: KAOPING_CITY_NAME, else the demo's city for the demo. */
export function cityNameOf(deps: Pick<UseCaseDeps, "cityName">, illustrative: boolean): string {
  return deps.cityName ?? (illustrative ? "惠州市" : "本市");
}

export async function gatherDocumentSources(
  deps: Pick<UseCaseDeps, "repos" | "pinned" | "clock" | "cityName">,
  scope: DocumentScope,
): Promise<DocumentSources> {
  const { loaded } = scope;
  return deps.repos.snapshot(async (repos) => {
    const doc = await gatherDataDocument({ repos }, loaded);
    // Stored figures are scored as they are (as GET …/score does).
    const dataset = loadData(doc, `data ${loaded.cycle.year}`, loaded.framework, {
      checkBounds: false,
    });
    const score = scoreYear(loaded.framework, dataset);
    const { narratives, versions } = await readNarratives(
      repos,
      loaded.cycle.id,
      scope.department?.code ?? CITY_SCOPE,
    );
    const submissions = await repos.workflow.submissions(loaded.cycle.id);
    const states: Record<string, string> = {};
    for (const department of loaded.framework.doc.departments) states[department.code] = "draft";
    for (const row of submissions) states[row.department_code] = row.state;
    const illustrative = isIllustrativeFramework(loaded.framework.doc.name);
    return {
      ...scope,
      dataset,
      score,
      city: cityNameOf(deps, illustrative),
      illustrative,
      date: beijingDate(deps.clock.now()),
      narratives,
      narrativeVersions: versions,
      states,
    };
  });
}
