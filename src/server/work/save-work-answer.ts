import type { WorkAnswer } from "../../contract/api";
import { localized } from "../../core";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/auth-user";
import { assertCanWriteDepartmentItem } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { assertCycleOpen } from "../cycles/assert-open";
import { isDepartmentUser } from "../auth/auth-user";
import { assertWritableIn } from "../workflow/write-guard";
import { loadCycle } from "../cycles/load-cycle";
import { DomainError, invalid, notFound } from "../errors";
import { presentWorkAnswer } from "./work.presenter";

export interface SaveWorkInput {
  year: number;
  item: string;
  awarded: Record<string, number>;
  explanation?: string | null;
  /** The version the clerk last saw; 0 for an item not answered yet. */
  version: number;
}

/**
 * Records the points a work item earns per criterion, with an optional explanation.
 * Optimistic concurrency as for figures: the write succeeds only when `version` is the
 * stored one, so an answer saved meanwhile is never overwritten unseen; a stale version
 * is a 409 carrying the stored answer.
 */
export async function saveWorkAnswer(
  deps: UseCaseDeps,
  user: AuthUser,
  input: SaveWorkInput,
): Promise<WorkAnswer> {
  const { cycle, framework } = await loadCycle(deps, input.year);
  const item = framework.workItems.find((candidate) => candidate.code === input.item);
  if (!item) throw notFound(`没有工作项 ${input.item}`, `there is no work item ${input.item}`);
  assertCanWriteDepartmentItem(user, item.department, item.code);
  assertCycleOpen(cycle);
  for (const [criterionCode, points] of Object.entries(input.awarded)) {
    const criterion = item.criteria.find((candidate) => candidate.code === criterionCode);
    if (!criterion) {
      throw invalid(
        `工作项 ${item.code} 没有评分细则 ${criterionCode}`,
        `work item ${item.code} has no criterion ${criterionCode}`,
        { field: `awarded.${criterionCode}` },
      );
    }
    if (!Number.isFinite(points) || points < 0 || points > criterion.points) {
      throw invalid(
        `awarded.${criterionCode}：得分 ${points} 超出范围 0–${criterion.points}`,
        `awarded.${criterionCode}: ${points} is outside 0–${criterion.points}`,
        { field: `awarded.${criterionCode}` },
      );
    }
  }

  const now = deps.clock.now().toISOString();
  const answer = await deps.repos.transaction(async (tx) => {
    // Checked again under the audit head lock: a year closed meanwhile gets no write.
    await tx.audit.lock();
    await assertWritableIn(tx, deps.clock, cycle, {
      owners: [item.department],
      writerDepartment: isDepartmentUser(user) ? user.departmentCode : null,
    });
    const before = await tx.work.one(cycle.id, item.code);
    const currentVersion = before?.version ?? 0;
    if (input.version !== currentVersion) return undefined;
    const row = {
      cycle_id: cycle.id,
      item_code: item.code,
      awarded: JSON.stringify(input.awarded),
      explanation: input.explanation ?? null,
      version: currentVersion + 1,
      updated_by: user.username,
      updated_at: now,
    };
    const written = before ? await tx.work.update(row, currentVersion) : await tx.work.insert(row);
    if (!written) return undefined;
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "work.set",
      objectType: "work_answer",
      objectId: `${input.year}/${item.code}`,
      before: before
        ? { awarded: before.awarded, explanation: before.explanation, version: before.version }
        : null,
      after: { awarded: input.awarded, explanation: row.explanation, version: row.version },
    });
    return presentWorkAnswer({
      itemCode: item.code,
      awarded: input.awarded,
      explanation: row.explanation,
      version: row.version,
      updatedBy: user.username,
      updatedAt: now,
    });
  });
  if (!answer) {
    const stored = await deps.repos.work.one(cycle.id, item.code);
    throw new DomainError(
      "conflict",
      localized(
        "此工作项已被他人修改，请刷新后重试",
        "someone else changed this work item; reload and try again",
      ),
      {
        current: stored ? presentWorkAnswer(stored) : null,
      },
    );
  }
  return answer;
}
