import type { CycleDetail } from "../../contract/cycles";
import type { OpenCycleBody } from "../../contract/frameworks";
import { DATA_FORMAT, localized, type DataDoc } from "../../core";
import type { AuthUser } from "../auth/auth-user";
import { FRAMEWORK_KEEPERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { createCycle, defaultDeadlines } from "../cycles/create-cycle";
import { getCycle } from "../cycles/read-cycles";
import { DomainError, invalid, notFound } from "../errors";
import { isUniqueViolation } from "./unique-violation";
import { isCalendarDate } from "../../core/workflow/deadline";

type Region = DataDoc["regions"][number];

const yearExists = (year: number) =>
  new DomainError(
    "conflict",
    localized(`${year} 年度已存在`, `evaluation year ${year} already exists`),
  );

/**
 * The deadlines of the new year: the plan's defaults (10 and 25 March of the following
 * year) unless given; real days, departments due no later than the province.
 */
function deadlinesOf(body: OpenCycleBody) {
  for (const field of ["departmentsDue", "provinceDue"] as const) {
    const value = body[field];
    if (value !== undefined && !isCalendarDate(value)) {
      throw invalid(
        `${field}：应为日期，如 2026-03-10`,
        `${field}: expected a date such as 2026-03-10`,
        { field },
      );
    }
  }
  const deadlines = {
    ...defaultDeadlines(body.year),
    ...(body.departmentsDue ? { departmentsDue: body.departmentsDue } : {}),
    ...(body.provinceDue ? { provinceDue: body.provinceDue } : {}),
  };
  if (deadlines.departmentsDue > deadlines.provinceDue) {
    throw invalid(
      `部门报送截止（${deadlines.departmentsDue}）不能晚于报省截止（${deadlines.provinceDue}）`,
      `departments cannot be due (${deadlines.departmentsDue}) after the province (${deadlines.provinceDue})`,
      { field: "departmentsDue" },
    );
  }
  return deadlines;
}

/**
 * The regions of the year closest before `year` (else the closest after it): a city's
 * districts rarely change from one year to the next. Undefined when there is no year.
 */
async function regionsOfClosestYear(
  deps: Pick<UseCaseDeps, "repos">,
  year: number,
): Promise<Region[] | undefined> {
  const years = await deps.repos.cycles.list();
  const earlier = years.filter((cycle) => cycle.year < year).sort((a, b) => b.year - a.year);
  const later = years.filter((cycle) => cycle.year > year).sort((a, b) => a.year - b.year);
  const source = earlier[0] ?? later[0];
  if (!source) return undefined;
  return (await deps.repos.cycles.regions(source.id)).map((region) => ({
    code: region.code,
    name: region.name,
    ...(region.population === null ? {} : { population: region.population }),
    ...(region.group_name === null ? {} : { group: region.group_name }),
  }));
}

/**
 * Opens an evaluation year pinned to one framework version (admin and office; audited as
 * `cycle.create`). The regions are given, or copied from the closest year; they are
 * checked by the core's data loader like a data file's (422 listing every issue). An
 * unknown framework is a 404; a year that exists, a 409.
 */
export async function openYear(
  deps: UseCaseDeps,
  user: AuthUser,
  body: OpenCycleBody,
): Promise<CycleDetail> {
  requireRole(user, FRAMEWORK_KEEPERS);
  const deadlines = deadlinesOf(body);
  const framework = await deps.repos.frameworks.byId(body.frameworkId);
  if (!framework) {
    throw notFound(
      `没有考评办法版本 ${body.frameworkId}`,
      `there is no framework version ${body.frameworkId}`,
    );
  }
  if (await deps.repos.cycles.byYear(body.year)) throw yearExists(body.year);
  const regions = body.regions ?? (await regionsOfClosestYear(deps, body.year));
  if (!regions) {
    throw invalid(
      "还没有任何年度可复制地区：请在 regions 中列出本年度的地区",
      "there is no year to copy the regions from: list the year's regions in regions",
      { field: "regions" },
    );
  }
  const data: DataDoc = {
    format: DATA_FORMAT,
    framework: framework.code,
    year: body.year,
    regions,
    values: {},
    work: {},
  };
  try {
    await createCycle(deps, user.username, {
      year: body.year,
      frameworkId: framework.id,
      ...deadlines,
      data,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw yearExists(body.year);
    throw error;
  }
  return getCycle(deps, user, body.year);
}
