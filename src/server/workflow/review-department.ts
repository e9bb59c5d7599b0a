import type { ReturnBody } from "../../contract/api";
import { ownersOf } from "../../core/workflow/owners";
import { TRANSITIONS, type SubmissionAction } from "../../core/workflow/states";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/auth-user";
import { REVIEWERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { loadCycle, type LoadedCycle } from "../cycles/load-cycle";
import { invalid } from "../errors";
import type { Repositories } from "../repositories";
import { lockedError } from "./lock-messages";
import { assertDepartmentOf } from "./read-submission";
import { stateConflict } from "./state-conflict";
import { stepId } from "./workflow.repository";

type Review = Exclude<SubmissionAction, "submit">;

interface ReviewStep {
  action: Review;
  reasons?: ReturnBody["reasons"];
  reason?: string;
}

/** Every item a return names must be one of the department's own. */
function checkReasons(loaded: LoadedCycle, department: string, reasons: ReturnBody["reasons"]) {
  reasons.forEach((entry, index) => {
    const owners = ownersOf(loaded.framework, entry.item.kind, entry.item.code);
    if (!owners.includes(department)) {
      throw invalid(
        `reasons[${index}].item：${entry.item.code} 不是本单位的考评项目`,
        `reasons[${index}].item: ${entry.item.code} is not one of the department's items`,
        { field: `reasons.${index}.item` },
      );
    }
  });
}

/**
 * The office's steps on a hand-in: return it with a reason per item, accept it, or
 * reopen an accepted one with a reason. Only the office; only while the year is open
 * (an aggregated year is reopened first); the state moves with a guarded UPDATE under
 * the audit head lock, so of two offices acting at once one wins and the other gets a
 * 409 saying the state it found.
 */
async function review(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  department: string,
  step: ReviewStep,
): Promise<void> {
  requireRole(user, REVIEWERS);
  const loaded = await loadCycle(deps, year);
  const name = assertDepartmentOf(loaded, department);
  if (step.reasons) checkReasons(loaded, department, step.reasons);
  const { cycle } = loaded;
  const transition = TRANSITIONS[step.action];
  await deps.repos.transaction(async (tx: Repositories) => {
    await tx.audit.lock();
    const fresh = (await tx.cycles.byId(cycle.id))!;
    if (fresh.status !== "open") throw lockedError({ kind: fresh.status }, year, () => name);
    const at = deps.clock.now().toISOString();
    await tx.workflow.ensureRow(cycle.id, department, at);
    const row = (await tx.workflow.submission(cycle.id, department))!;
    if (!transition.from.includes(row.state)) throw stateConflict(step.action, row.state, name);
    const moved = await tx.workflow.transition(
      cycle.id,
      department,
      transition.from,
      {
        state: transition.to,
        updated_at: at,
        ...(step.action === "accept" ? { accepted_at: at } : {}),
        ...(step.action === "reopen" ? { accepted_at: null } : {}),
      },
      step.action === "return",
    );
    if (!moved) throw stateConflict(step.action, row.state, name);
    await tx.workflow.addEvent({
      id: stepId(row.version + 1),
      cycle_id: cycle.id,
      department_code: department,
      kind: step.action,
      actor: user.username,
      at,
      declaration: null,
      snapshot: null,
      digest: null,
      justifications: null,
      reasons: step.reasons ? JSON.stringify(step.reasons) : null,
      reason: step.reason ?? null,
    });
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: `submission.${step.action}`,
      objectType: "submission",
      objectId: `${year}/${department}`,
      before: { state: row.state },
      after: {
        state: transition.to,
        ...(step.reasons ? { reasons: step.reasons } : {}),
        ...(step.reason ? { reason: step.reason } : {}),
      },
    });
  });
}

export const returnDepartment = (
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  department: string,
  reasons: ReturnBody["reasons"],
) => review(deps, user, year, department, { action: "return", reasons });

export const acceptDepartment = (
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  department: string,
) => review(deps, user, year, department, { action: "accept" });

export const reopenDepartment = (
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  department: string,
  reason: string,
) => review(deps, user, year, department, { action: "reopen", reason });
