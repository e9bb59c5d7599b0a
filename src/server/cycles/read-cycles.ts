import type { FrameworkDoc } from "../../core";
import type { AuthUser } from "../auth/auth-user";
import type { UseCaseDeps } from "../context";
import { notFound } from "../errors";
import { loadCycle } from "./load-cycle";

export interface CycleSummary {
  year: number;
  status: string;
  framework: { code: string; name: string; version: number };
  departmentsDue: string;
  provinceDue: string;
}

async function summarize(
  deps: UseCaseDeps,
  cycle: {
    year: number;
    status: string;
    framework_id: string;
    departments_due: string;
    province_due: string;
  },
): Promise<CycleSummary> {
  const framework = await deps.repos.frameworks.byId(cycle.framework_id);
  if (!framework) throw notFound("考评办法缺失", "the framework is missing");
  return {
    year: cycle.year,
    status: cycle.status,
    framework: { code: framework.code, name: framework.name, version: Number(framework.version) },
    departmentsDue: cycle.departments_due,
    provinceDue: cycle.province_due,
  };
}

/** Every signed-in user may see which years exist and their deadlines. */
export async function listCycles(deps: UseCaseDeps, _user: AuthUser): Promise<CycleSummary[]> {
  const cycles = await deps.repos.cycles.list();
  return Promise.all(cycles.map((cycle) => summarize(deps, cycle)));
}

export async function getCycle(
  deps: UseCaseDeps,
  _user: AuthUser,
  year: number,
): Promise<CycleSummary & { regions: unknown[] }> {
  const loaded = await loadCycle(deps, year);
  return { ...(await summarize(deps, loaded.cycle)), regions: loaded.regions };
}

/** The framework document the year is pinned to; every signed-in user needs the method. */
export async function getCycleFramework(
  deps: UseCaseDeps,
  _user: AuthUser,
  year: number,
): Promise<FrameworkDoc> {
  const loaded = await loadCycle(deps, year);
  const row = await deps.repos.frameworks.byId(loaded.cycle.framework_id);
  return JSON.parse(row!.document) as FrameworkDoc;
}
