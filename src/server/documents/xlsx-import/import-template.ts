import { createHash } from "node:crypto";
import type { TemplateImportResult } from "../../../contract/template-import";
import { recordAudit } from "../../audit/record";
import { isDepartmentUser, type AuthUser } from "../../auth/auth-user";
import { CITY_WRITERS, requireRole } from "../../auth/policy";
import type { UseCaseDeps } from "../../context";
import { loadCycle } from "../../cycles/load-cycle";
import { DomainError, forbidden, notFound } from "../../errors";
import { assertWritableIn } from "../../workflow/write-guard";
import { planTemplate, writePlan, type TemplatePlan } from "./apply-template";
import { readTemplate, type TemplateReading } from "./read-template";
import { departmentTemplateCells } from "./stamp-versions";
import { TEMPLATE_LIMITS, type TemplateLimits } from "./template-limits";
import { cellsRefused, conflictsFound } from "./template-refusal";
import { STAMP_KEY_PURPOSE } from "./template-stamp";

export interface ImportTemplateInput {
  year: number;
  department: string;
  bytes: Uint8Array;
  fileName: string;
}

/** A department user imports only their own department's template; office and admin any. */
function assertMayImport(user: AuthUser, department: string): void {
  if (isDepartmentUser(user)) {
    if (user.departmentCode !== department) {
      throw forbidden("只能导入本单位的模板", "you may only import your own department's template");
    }
    return;
  }
  requireRole(user, CITY_WRITERS);
}

/** A file refused as a whole, as the status the HTTP layer answers. */
function fileRefusal(reading: Exclude<TemplateReading, { ok: true } | { kind: "cells" }>) {
  if (reading.kind === "tooLarge") return new DomainError("too_large", reading.problem);
  if (reading.kind === "notXlsx") return new DomainError("unsupported", reading.problem);
  return new DomainError("invalid", reading.problem, { field: "file" });
}

function auditAfter(plan: TemplatePlan, input: ImportTemplateInput, fileSha256: string) {
  return {
    fileName: input.fileName,
    fileSha256,
    changedValues: plan.values.length,
    changedWork: plan.work.length,
    unchanged: plan.unchanged,
    values: plan.values.map((change) => ({
      element: change.row.element_code,
      region: change.row.region_code,
      before: change.before,
      after: change.row.value,
      version: change.row.version,
    })),
    work: plan.work.map((change) => ({
      item: change.item,
      before: change.before?.awarded ?? null,
      after: change.awarded,
      version: change.row.version,
    })),
  };
}

/**
 * Imports a filled template, all or nothing. The file is read and every cell checked
 * before anything is written (read-template.ts); then, in one transaction under the
 * audit head lock that every writer of figures takes, the stored figures are compared
 * with the stamp's versions: any conflict refuses the file (409), any lock refuses it
 * (423, as a single save would be), and otherwise every changed figure and answer is
 * written with its history and next version, with ONE audit row `template.import`
 * holding the counts, every change and the file's SHA-256.
 */
export async function importTemplate(
  deps: UseCaseDeps,
  user: AuthUser,
  input: ImportTemplateInput,
  limits: TemplateLimits = TEMPLATE_LIMITS,
): Promise<TemplateImportResult> {
  assertMayImport(user, input.department);
  const loaded = await loadCycle(deps, input.year);
  const { cycle, framework } = loaded;
  if (!framework.doc.departments.some((department) => department.code === input.department)) {
    throw notFound(`没有单位 ${input.department}`, `there is no department ${input.department}`);
  }
  const fileSha256 = createHash("sha256").update(input.bytes).digest("hex");
  const reading = await readTemplate({
    bytes: input.bytes,
    cells: departmentTemplateCells(loaded, input.department),
    framework,
    stampKey: deps.secrets.derive(STAMP_KEY_PURPOSE),
    year: input.year,
    department: input.department,
    limits,
  });
  if (!reading.ok) {
    if (reading.kind === "cells") throw cellsRefused(reading.errors, reading.more);
    throw fileRefusal(reading);
  }
  const now = deps.clock.now().toISOString();
  const plan = await deps.repos.transaction(async (tx) => {
    await tx.audit.lock();
    // A locked year or hand-in refuses the import even when it would change nothing.
    await assertWritableIn(tx, deps.clock, cycle, {
      owners: [input.department],
      writerDepartment: isDepartmentUser(user) ? user.departmentCode : null,
    });
    const planned = await planTemplate({
      tx,
      clock: deps.clock,
      user,
      framework,
      cycle,
      stamp: reading.stamp,
      filled: reading.filled,
      now,
    });
    if (planned.conflicts.length > 0) throw conflictsFound(planned.conflicts);
    await writePlan(tx, planned);
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "template.import",
      objectType: "department_template",
      objectId: `${input.year}/${input.department}`,
      after: auditAfter(planned, input, fileSha256),
    });
    return planned;
  });
  return {
    changedValues: plan.values.length,
    changedWork: plan.work.length,
    unchanged: plan.unchanged,
    fileSha256,
  };
}
