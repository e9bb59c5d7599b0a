import type { Submission, SubmissionDetail } from "../../contract/api";
import type { Lang } from "../../core";
import type { AuthUser } from "../auth/auth-user";
import { departmentScope } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { loadCycle, type LoadedCycle } from "../cycles/load-cycle";
import type { SubmissionEventsTable } from "../db/schema";
import { notFound } from "../errors";
import type { Repositories } from "../repositories";
import { presentEvent, presentSubmission } from "./submission-view";

/** 404 unless the department is one of the year's framework. */
export function assertDepartmentOf(loaded: LoadedCycle, department: string): string {
  const found = loaded.framework.doc.departments.find((candidate) => candidate.code === department);
  if (!found) {
    throw notFound(
      `${loaded.cycle.year} 年度没有单位 ${department}`,
      `there is no department ${department} in ${loaded.cycle.year}`,
    );
  }
  return found.name;
}

/** The latest return, if the latest step back (return or reopen) was a return. */
function openReturn(events: SubmissionEventsTable[]): SubmissionEventsTable | undefined {
  const back = events.filter((event) => event.kind === "return" || event.kind === "reopen");
  const last = back[back.length - 1];
  return last?.kind === "return" ? last : undefined;
}

/** Every department's hand-in state in a year (for the overview and the timeliness table). */
export async function submissionsOf(
  repos: Repositories,
  loaded: LoadedCycle,
  now: Date,
  lang: Lang,
): Promise<Map<string, Submission>> {
  const { cycle, framework } = loaded;
  const [rows, events, exceptions] = await Promise.all([
    repos.workflow.submissions(cycle.id),
    repos.workflow.events(cycle.id),
    repos.workflow.exceptions(cycle.id),
  ]);
  const names = await repos.departments.displayNames([
    ...new Set(exceptions.map((row) => row.granted_by)),
  ]);
  const departmentNames = new Map(framework.doc.departments.map((d) => [d.code, d.name]));
  const result = new Map<string, Submission>();
  for (const department of framework.doc.departments) {
    result.set(
      department.code,
      presentSubmission({
        cycle,
        department: department.code,
        row: rows.find((row) => row.department_code === department.code),
        lastReturn: openReturn(events.filter((event) => event.department_code === department.code)),
        exceptions,
        now,
        lang,
        departmentName: (code) => departmentNames.get(code) ?? code,
        displayName: (username) => names.get(username) ?? null,
      }),
    );
  }
  return result;
}

/**
 * One department's hand-in state with its whole history: the department's own users
 * and the city-wide readers may see it.
 */
export async function getSubmissionDetail(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  department: string,
  lang: Lang,
): Promise<SubmissionDetail> {
  departmentScope(user, department);
  const loaded = await loadCycle(deps, year);
  assertDepartmentOf(loaded, department);
  const { cycle, framework } = loaded;
  const [row, events, exceptions] = await Promise.all([
    deps.repos.workflow.submission(cycle.id, department),
    deps.repos.workflow.events(cycle.id, department),
    deps.repos.workflow.exceptions(cycle.id),
  ]);
  const names = await deps.repos.departments.displayNames([
    ...new Set([...events.map((event) => event.actor), ...exceptions.map((row) => row.granted_by)]),
  ]);
  const displayName = (username: string) => names.get(username) ?? null;
  const departmentNames = new Map(framework.doc.departments.map((d) => [d.code, d.name]));
  return {
    year,
    department,
    ...presentSubmission({
      cycle,
      department,
      row,
      lastReturn: openReturn(events),
      exceptions,
      now: deps.clock.now(),
      lang,
      departmentName: (code) => departmentNames.get(code) ?? code,
      displayName,
    }),
    history: events.map((event) => presentEvent(event, displayName)),
  };
}
