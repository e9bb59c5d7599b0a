import { loadData, scoreYear, type ScoreResult } from "../../core";
import { presentScoreReport, type ScoreReport } from "../../contract/score-report";
import type { AuthUser } from "../auth/auth-user";
import { CITY_READERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { gatherDataDocument } from "./gather-data-document";
import { loadCycle, type LoadedCycle } from "./load-cycle";

/** Scores a loaded cycle from its stored figures (the same path as the export). */
export async function scoreLoadedCycle(
  deps: Pick<UseCaseDeps, "repos">,
  loaded: LoadedCycle,
): Promise<ScoreResult> {
  const doc = await gatherDataDocument(deps, loaded);
  // Stored figures are scored as they are, even one a framework without these bounds took.
  const dataset = loadData(doc, `data ${loaded.cycle.year}`, loaded.framework, {
    checkBounds: false,
  });
  return scoreYear(loaded.framework, dataset);
}

/** `GET /api/cycles/:year/score`: exactly the `kaoping score --json` document for the stored data. */
export async function scoreCycle(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
): Promise<ScoreReport> {
  requireRole(user, CITY_READERS);
  const loaded = await loadCycle(deps, year);
  return presentScoreReport(await scoreLoadedCycle(deps, loaded));
}
