import type { SubmissionChecks, SubmitBody } from "../../contract/api";
import { localized, type Lang } from "../../core";
import { blockingChecks } from "../../core/workflow/checks";
import { lockReason } from "../../core/workflow/lock";
import { nextState, TRANSITIONS } from "../../core/workflow/states";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/auth-user";
import { departmentScope, requireRole, SUBMITTERS } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { loadCycle } from "../cycles/load-cycle";
import { DomainError, forbidden, invalid } from "../errors";
import { declarationText, gatherChecks } from "./gather-checks";
import { lockedError } from "./lock-messages";
import { assertDepartmentOf } from "./read-submission";
import { departmentSnapshot } from "./snapshots";
import { stateConflict } from "./state-conflict";
import { stepId } from "./workflow.repository";

/** The checklist before submitting, with the declaration the head will certify. */
export async function getSubmissionChecks(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  department: string,
  lang: Lang,
): Promise<SubmissionChecks> {
  departmentScope(user, department);
  const loaded = await loadCycle(deps, year);
  const name = assertDepartmentOf(loaded, department);
  const [checks, row] = await Promise.all([
    gatherChecks(deps.repos, loaded, department),
    deps.repos.workflow.submission(loaded.cycle.id, department),
  ]);
  return {
    year,
    department,
    state: row?.state ?? "draft",
    checks: checks.map((check) => ({ ...check, message: check.message[lang] })),
    declaration: declarationText(year, name),
  };
}

/**
 * The head certifies and submits. Under the audit head lock, in one transaction: the
 * year must be open and the department within its deadline (or an exception); the
 * state must allow it; the checks are run on the data being certified — an error, or a
 * warning without a justification, refuses with every one of them named; the
 * declaration must be the plan's text. Then the snapshot is sealed (SM3), the state
 * moves with a guarded UPDATE, and the step goes into the history and the audit chain.
 */
export async function submitDepartment(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  department: string,
  body: SubmitBody,
) {
  requireRole(user, SUBMITTERS);
  if (user.departmentCode !== department) {
    throw forbidden(
      "只能报送本单位的考评材料",
      "you may only submit your own department's materials",
    );
  }
  const loaded = await loadCycle(deps, year);
  const name = assertDepartmentOf(loaded, department);
  const { cycle, framework } = loaded;
  const frameworkRow = await deps.repos.frameworks.byId(cycle.framework_id);
  const expected = declarationText(year, name);
  if (body.declaration.trim() !== expected) {
    throw invalid(
      "declaration：承诺内容须与规定文本一致，请勾选确认后报送",
      "declaration: it must be the prescribed text, unchanged",
      { field: "declaration" },
    );
  }
  const justified = new Map((body.justifications ?? []).map((item) => [item.check, item.text]));

  await deps.repos.transaction(async (tx) => {
    await tx.audit.lock();
    const fresh = (await tx.cycles.byId(cycle.id))!;
    const now = deps.clock.now();
    const exceptions = (await tx.workflow.exceptions(cycle.id)).filter(
      (row) => row.department_code === department && row.revoked_at === null,
    );
    const until = exceptions
      .map((row) => row.until)
      .sort()
      .pop();
    const current = await tx.workflow.submission(cycle.id, department);
    const lock = lockReason({
      cycleStatus: fresh.status,
      departmentsDue: fresh.departments_due,
      owners: [],
      states: new Map([[department, current?.state ?? "draft"]]),
      writerDepartment: department,
      exceptions: new Map(until ? [[department, until]] : []),
      now,
    });
    if (lock) throw lockedError(lock, year, () => name);

    await tx.workflow.ensureRow(cycle.id, department, now.toISOString());
    const row = (await tx.workflow.submission(cycle.id, department))!;
    if (!nextState(row.state, "submit")) throw stateConflict("submit", row.state, name);

    const checks = await gatherChecks(tx, { ...loaded, cycle: fresh }, department);
    const blocking = blockingChecks(checks, justified);
    if (blocking.length > 0) {
      throw new DomainError(
        "invalid",
        localized(
          `还有 ${blocking.length} 项检查未通过：错误须先改正，警告须填写说明`,
          `${blocking.length} check(s) stand in the way: correct the errors, justify the warnings`,
        ),
        {
          issues: blocking.map((check) => ({
            field: `checks.${check.id}`,
            message: check.message.zh,
          })),
        },
      );
    }
    const justifications = checks
      .filter((check) => check.severity === "warning")
      .map((check) => ({
        check: check.id,
        text: justified.get(check.id)!,
        message: check.message.zh,
      }));

    const sealed = await departmentSnapshot(
      tx,
      fresh,
      framework,
      frameworkRow?.sha256 ?? "",
      department,
    );
    const at = now.toISOString();
    const moved = await tx.workflow.transition(
      cycle.id,
      department,
      TRANSITIONS.submit.from,
      {
        state: "submitted",
        updated_at: at,
        last_submitted_at: at,
        ...(row.first_submitted_at === null ? { first_submitted_at: at } : {}),
      },
      false,
    );
    if (!moved) throw stateConflict("submit", "submitted", name);
    await tx.workflow.addEvent({
      id: stepId(row.version + 1),
      cycle_id: cycle.id,
      department_code: department,
      kind: "submit",
      actor: user.username,
      at,
      declaration: expected,
      snapshot: sealed.text,
      digest: sealed.digest,
      justifications: JSON.stringify(justifications),
      reasons: null,
      reason: null,
    });
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "submission.submit",
      objectType: "submission",
      objectId: `${year}/${department}`,
      before: { state: row.state },
      after: { state: "submitted", digest: sealed.digest, justifications },
    });
  });
}
