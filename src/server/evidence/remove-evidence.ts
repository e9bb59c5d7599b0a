import { isDepartmentUser, type AuthUser } from "../auth/auth-user";
import { recordAudit } from "../audit/record";
import type { UseCaseDeps } from "../context";
import { assertCycleOpen } from "../cycles/assert-open";
import { loadCycle } from "../cycles/load-cycle";
import { ownersOf as itemOwners } from "../../core/workflow/owners";
import { assertWritableIn } from "../workflow/write-guard";
import { forbidden, notFound } from "../errors";

const noSuchEvidence = (year: number) =>
  notFound(`${year} 年度没有这份辅证材料`, `there is no such evidence in evaluation year ${year}`);

/**
 * Removes one evidence file. Only the account that uploaded it may (the office too is
 * refused: it does not withdraw what someone else filed), and a department user only
 * while still in the department it is filed under; not in a closed year (423), like
 * uploads. The record and its `evidence.remove` audit row go in one transaction.
 *
 * The stored bytes are shared by every record of the same content (the store is
 * addressed by SHA-256), so the file is deleted only when no record of any year points
 * to it any more. That is decided under the audit head lock, which an upload also takes
 * before writing its record and then stores the file again if it is gone: an upload of
 * the same bytes at the same moment can never be left pointing to nothing. A file left
 * behind by a crash between the two steps is harmless, like an upload's that failed.
 */
export async function removeEvidence(
  deps: UseCaseDeps,
  user: AuthUser,
  input: { year: number; id: string },
): Promise<void> {
  const [cycle, row] = await Promise.all([
    deps.repos.cycles.byYear(input.year),
    deps.repos.evidence.byId(input.id),
  ]);
  if (!cycle || !row || row.cycle_id !== cycle.id) throw noSuchEvidence(input.year);
  const uploader = row.uploaded_by === user.username;
  if (!uploader || (isDepartmentUser(user) && row.department_code !== user.departmentCode)) {
    throw forbidden(
      "只有上传这份辅证材料的账户本人才能删除它",
      "only the account that uploaded this evidence may remove it",
    );
  }
  assertCycleOpen(cycle);
  const { framework } = await loadCycle(deps, input.year);
  const owners = itemOwners(framework, row.target_kind, row.target_code);

  await deps.repos.transaction(async (tx) => {
    await tx.audit.lock();
    await assertWritableIn(tx, deps.clock, cycle, {
      owners: [...new Set([...owners, row.department_code])],
      writerDepartment: isDepartmentUser(user) ? user.departmentCode : null,
    });
    // Removed by another request meanwhile: nothing is left to remove.
    if (!(await tx.evidence.remove(row.id))) throw noSuchEvidence(input.year);
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "evidence.remove",
      objectType: "evidence",
      objectId: row.id,
      before: {
        target: { kind: row.target_kind, code: row.target_code, department: row.department_code },
        name: row.original_name,
        sha256: row.sha256,
        size: row.size,
        mimeType: row.mime_type,
        uploadedBy: row.uploaded_by,
        uploadedAt: row.uploaded_at,
      },
    });
  });
  await deps.repos.transaction(async (tx) => {
    await tx.audit.lock();
    if (!(await tx.evidence.isContentUsed(row.sha256))) await deps.evidence.remove(row.sha256);
  });
}
