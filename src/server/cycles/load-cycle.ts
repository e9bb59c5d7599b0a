import type { Framework } from "../../core";
import type { CyclesTable } from "../db/schema";
import { notFound } from "../errors";
import type { PinnedRegion } from "./pinned-cache";
import type { UseCaseDeps } from "../context";

export type CycleRegion = PinnedRegion;

export interface LoadedCycle {
  cycle: CyclesTable;
  framework: Framework;
  regions: CycleRegion[];
}

/** A cycle by year with its pinned, compiled framework and its regions; 404 when there is none. */
export async function loadCycle(
  deps: Pick<UseCaseDeps, "repos" | "pinned">,
  year: number,
): Promise<LoadedCycle> {
  const cycle = await deps.repos.cycles.byYear(year);
  if (!cycle) throw notFound(`没有 ${year} 年度的考评`, `there is no evaluation year ${year}`);
  const [framework, regions] = await Promise.all([
    deps.pinned.framework(deps.repos, cycle.framework_id),
    deps.pinned.regions(deps.repos, cycle.id),
  ]);
  return { cycle, framework, regions };
}

/**
 * The hot write path's lighter load: the cycle's identity, framework and regions all
 * come from memory. Its status is not read here — the write checks it inside its
 * transaction (assertCycleOpenIn), which is the check that counts.
 */
export async function loadCycleForWrite(deps: Pick<UseCaseDeps, "repos" | "pinned">, year: number) {
  const cycle = await deps.pinned.cycle(deps.repos, year);
  if (!cycle) throw notFound(`没有 ${year} 年度的考评`, `there is no evaluation year ${year}`);
  const [framework, regions] = await Promise.all([
    deps.pinned.framework(deps.repos, cycle.frameworkId),
    deps.pinned.regions(deps.repos, cycle.id),
  ]);
  return { cycle, framework, regions };
}
