import type { AggregateSnapshot, Certificate } from "../../contract/api";
import { localized } from "../../core";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/auth-user";
import { CITY_READERS, departmentScope, REVIEWERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { loadCycle } from "../cycles/load-cycle";
import { DomainError, notFound } from "../errors";
import { sm3Hex } from "../ids";
import { lockedError } from "./lock-messages";
import { assertDepartmentOf } from "./read-submission";
import { citySnapshot, departmentSnapshot } from "./snapshots";
import { stepId } from "./workflow.repository";

/**
 * The year becomes aggregated: every department accepted (or the office overrides
 * with a reason, which is stored and audited), the city's data sealed in a snapshot
 * with its SM3 digest, and the year locked for everyone until it is reopened.
 */
export async function aggregateYear(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  overrideReason: string | undefined,
): Promise<AggregateSnapshot> {
  requireRole(user, REVIEWERS);
  const loaded = await loadCycle(deps, year);
  const { cycle, framework } = loaded;
  const frameworkRow = await deps.repos.frameworks.byId(cycle.framework_id);
  await deps.repos.transaction(async (tx) => {
    await tx.audit.lock();
    const fresh = (await tx.cycles.byId(cycle.id))!;
    if (fresh.status !== "open") throw lockedError({ kind: fresh.status }, year, (c) => c);
    const states = new Map(
      (await tx.workflow.submissions(cycle.id)).map((row) => [row.department_code, row.state]),
    );
    const pending = framework.doc.departments.filter(
      (department) => states.get(department.code) !== "accepted",
    );
    if (pending.length > 0 && !overrideReason) {
      const names = pending.map((department) => department.name).join("、");
      throw new DomainError(
        "conflict",
        localized(
          `还有 ${pending.length} 个单位的材料未接收（${names}）；如确需汇总，请填写理由`,
          `${pending.length} department(s) not accepted yet (${names}); give a reason to aggregate anyway`,
        ),
        { pending: pending.map((department) => department.code) },
      );
    }
    const sealed = await citySnapshot(tx, { ...loaded, cycle: fresh }, frameworkRow?.sha256 ?? "");
    if (!(await tx.workflow.setCycleStatus(cycle.id, "open", "aggregated"))) {
      throw lockedError({ kind: "aggregated" }, year, (c) => c);
    }
    const at = deps.clock.now().toISOString();
    await tx.workflow.addSnapshot({
      id: stepId((await tx.workflow.countSnapshots(cycle.id)) + 1),
      cycle_id: cycle.id,
      snapshot: sealed.text,
      digest: sealed.digest,
      override_reason: pending.length > 0 ? (overrideReason ?? null) : null,
      created_by: user.username,
      created_at: at,
    });
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "cycle.aggregate",
      objectType: "cycle",
      objectId: String(year),
      before: { status: "open" },
      after: {
        status: "aggregated",
        digest: sealed.digest,
        ...(pending.length > 0
          ? { overrideReason, notAccepted: pending.map((department) => department.code) }
          : {}),
      },
    });
  });
  return getAggregateSnapshot(deps, user, year);
}

/** The office reopens an aggregated year, with a reason; audited. The snapshot stays on record. */
export async function reopenYear(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  reason: string,
): Promise<void> {
  requireRole(user, REVIEWERS);
  const { cycle } = await loadCycle(deps, year);
  await deps.repos.transaction(async (tx) => {
    await tx.audit.lock();
    if (!(await tx.workflow.setCycleStatus(cycle.id, "aggregated", "open"))) {
      const status = (await tx.cycles.statusOf(cycle.id)) ?? "closed";
      throw new DomainError(
        status === "closed" ? "locked" : "conflict",
        status === "closed"
          ? localized(`${year} 年度考评已关闭，不能重新开放`, `evaluation year ${year} is closed`)
          : localized(
              `${year} 年度尚未汇总，无需重新开放`,
              `evaluation year ${year} is not aggregated; there is nothing to reopen`,
            ),
        // A 423 says why as data, like every other lock refusal.
        status === "closed" ? { lock: { kind: "closed", department: null, due: null } } : {},
      );
    }
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "cycle.reopen",
      objectType: "cycle",
      objectId: String(year),
      before: { status: "aggregated" },
      after: { status: "open", reason },
    });
  });
}

/** The newest aggregation snapshot, checked against itself and against the stored data now. */
export async function getAggregateSnapshot(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
): Promise<AggregateSnapshot> {
  requireRole(user, CITY_READERS);
  const loaded = await loadCycle(deps, year);
  const row = await deps.repos.workflow.latestSnapshot(loaded.cycle.id);
  if (!row)
    throw notFound(`${year} 年度尚未汇总`, `evaluation year ${year} has not been aggregated`);
  const frameworkRow = await deps.repos.frameworks.byId(loaded.cycle.framework_id);
  const current = await deps.repos.snapshot((repos) =>
    citySnapshot(repos, loaded, frameworkRow?.sha256 ?? ""),
  );
  const names = await deps.repos.departments.displayNames([row.created_by]);
  const snapshotDigest = sm3Hex(Buffer.from(row.snapshot, "utf8"));
  return {
    year,
    createdAt: row.created_at,
    createdBy: { username: row.created_by, displayName: names.get(row.created_by) ?? null },
    overrideReason: row.override_reason,
    digest: row.digest,
    snapshot: row.snapshot,
    snapshotDigest,
    currentDigest: current.digest,
    matches: row.digest === snapshotDigest && snapshotDigest === current.digest,
  };
}

/**
 * What the head certified at the latest submission: the stored snapshot and digest,
 * the digest recomputed from the stored snapshot, and the same snapshot built from the
 * data stored now — all three agree while nothing has changed since.
 */
export async function getCertificate(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  department: string,
): Promise<Certificate> {
  departmentScope(user, department);
  const loaded = await loadCycle(deps, year);
  assertDepartmentOf(loaded, department);
  const event = await deps.repos.workflow.latestEvent(loaded.cycle.id, department, "submit");
  if (!event || event.snapshot === null || event.digest === null) {
    throw notFound(
      `本单位尚未报送 ${year} 年度材料`,
      `the department has not submitted for ${year}`,
    );
  }
  const frameworkRow = await deps.repos.frameworks.byId(loaded.cycle.framework_id);
  const current = await deps.repos.snapshot((repos) =>
    departmentSnapshot(
      repos,
      loaded.cycle,
      loaded.framework,
      frameworkRow?.sha256 ?? "",
      department,
    ),
  );
  const names = await deps.repos.departments.displayNames([event.actor]);
  const snapshotDigest = sm3Hex(Buffer.from(event.snapshot, "utf8"));
  return {
    year,
    department,
    submittedAt: event.at,
    submittedBy: { username: event.actor, displayName: names.get(event.actor) ?? null },
    declaration: event.declaration ?? "",
    digest: event.digest,
    snapshot: event.snapshot,
    snapshotDigest,
    currentDigest: current.digest,
    matches: event.digest === snapshotDigest && snapshotDigest === current.digest,
  };
}
