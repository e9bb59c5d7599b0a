import type { FrameworkSummary } from "../../contract/frameworks";
import type { AuthUser } from "../auth/auth-user";
import { CITY_READERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { presentFramework } from "./frameworks.presenter";

/** Every imported framework version with its counts and the years on it (city readers). */
export async function listFrameworks(
  deps: Pick<UseCaseDeps, "repos">,
  user: AuthUser,
): Promise<FrameworkSummary[]> {
  requireRole(user, CITY_READERS);
  const [rows, cycles] = await Promise.all([
    deps.repos.frameworks.list(),
    deps.repos.cycles.list(),
  ]);
  return rows.map((row) =>
    presentFramework(
      row,
      cycles.filter((cycle) => cycle.framework_id === row.id).map((cycle) => Number(cycle.year)),
    ),
  );
}
