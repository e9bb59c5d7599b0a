import type { CycleDetail, CycleSummary, FrameworkDocument } from "../../contract/api";
import type { AuthUser } from "../auth/auth-user";
import type { UseCaseDeps } from "../context";
import type { CyclesTable } from "../db/schema";
import { notFound } from "../errors";
import { presentCycleDetail, presentCycleSummary } from "./cycles.presenter";
import { loadCycle } from "./load-cycle";

async function summarize(
  deps: UseCaseDeps,
  cycle: Pick<CyclesTable, "year" | "status" | "framework_id" | "departments_due" | "province_due">,
): Promise<CycleSummary> {
  const framework = await deps.repos.frameworks.byId(cycle.framework_id);
  if (!framework) throw notFound("考评办法缺失", "the framework is missing");
  return presentCycleSummary(cycle, framework);
}

/** Every signed-in user may see which years exist and their deadlines. */
export async function listCycles(deps: UseCaseDeps, _user: AuthUser): Promise<CycleSummary[]> {
  const cycles = await deps.repos.cycles.list();
  return Promise.all(cycles.map((cycle) => summarize(deps, cycle)));
}

/** One year with its regions; every signed-in user needs them to read the tables. */
export async function getCycle(
  deps: UseCaseDeps,
  _user: AuthUser,
  year: number,
): Promise<CycleDetail> {
  const loaded = await loadCycle(deps, year);
  return presentCycleDetail(await summarize(deps, loaded.cycle), loaded.regions);
}

/** The framework document the year is pinned to; every signed-in user needs the method. */
export async function getCycleFramework(
  deps: UseCaseDeps,
  _user: AuthUser,
  year: number,
): Promise<FrameworkDocument> {
  const loaded = await loadCycle(deps, year);
  const row = await deps.repos.frameworks.byId(loaded.cycle.framework_id);
  return JSON.parse(row!.document) as FrameworkDocument;
}
