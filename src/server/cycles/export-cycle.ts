import type { DataDoc } from "../../core";
import type { AuthUser } from "../auth/auth-user";
import { CITY_READERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { gatherDataDocument } from "./gather-data-document";
import { loadCycle } from "./load-cycle";

/** `GET /api/cycles/:year/export` and `kaoping export data`: the year as a data document. */
export async function exportCycle(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
): Promise<DataDoc> {
  requireRole(user, CITY_READERS);
  return gatherDataDocument(deps, await loadCycle(deps, year));
}
