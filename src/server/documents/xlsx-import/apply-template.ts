import type { Framework } from "../../../core";
import { ownersOf } from "../../../core/workflow/owners";
import { isDepartmentUser, type AuthUser } from "../../auth/auth-user";
import { assertCanWriteDepartmentItem, assertCanWriteElement } from "../../auth/policy";
import type { Clock } from "../../clock";
import type { Repositories } from "../../repositories";
import type { ValueRow } from "../../values/values.repository";
import { assertWritableIn } from "../../workflow/write-guard";
import type { TemplateTarget } from "../xlsx/template-layout";
import type { FilledCell } from "./read-template";
import type { CellConflict } from "./template-refusal";
import { stampValueKey, type TemplateStamp } from "./template-stamp";

/** A figure to write, with what it replaces (for the audit row). */
export interface ValueChange {
  row: ValueRow;
  before: number | null;
}

/** A work answer to write: the whole `awarded` record, as the normal save stores it. */
export interface WorkChange {
  item: string;
  before: { awarded: Record<string, number>; version: number } | undefined;
  row: {
    cycle_id: string;
    item_code: string;
    awarded: string;
    explanation: string | null;
    version: number;
    updated_by: string;
    updated_at: string;
  };
  awarded: Record<string, number>;
}

export interface TemplatePlan {
  values: ValueChange[];
  work: WorkChange[];
  unchanged: number;
  conflicts: CellConflict[];
}

export interface PlanContext {
  tx: Repositories;
  clock: Clock;
  user: AuthUser;
  framework: Framework;
  cycle: { id: string; year: number };
  stamp: TemplateStamp;
  filled: readonly FilledCell[];
  now: string;
}

/**
 * One figure as a spreadsheet holds it: Excel keeps 15 significant digits, so a figure
 * that went through Excel or LibreOffice and back may differ from the stored double in
 * its last bits. Equal at 15 significant digits is the same figure.
 */
export const sameFigure = (a: number, b: number) =>
  a === b || Number(a.toPrecision(15)) === Number(b.toPrecision(15));

type WorkTarget = Extract<TemplateTarget, { kind: "work" }>;

/** The filled cells of one kind, each with its target narrowed to that kind. */
const valueCells = (filled: readonly FilledCell[]) =>
  filled.flatMap((cell) =>
    cell.input.target.kind === "value" ? [{ cell, target: cell.input.target }] : [],
  );
const workCells = (filled: readonly FilledCell[]) =>
  filled.flatMap((cell) =>
    cell.input.target.kind === "work" ? [{ cell, target: cell.input.target }] : [],
  );

const valueKey = (cycleId: string, element: string, region: string) =>
  `${cycleId}\u0000${element}\u0000${region}`;

const writerDepartment = (user: AuthUser) => (isDepartmentUser(user) ? user.departmentCode : null);

/**
 * What the figures in the file change, decided under the audit head lock (the caller
 * holds it): a cell equal to the stored figure changes nothing; a cell that differs is
 * written when the stored version is still the stamp's, and is a conflict when someone
 * changed (or removed) the figure online since the download. Each change passes the
 * same authorization and lock checks as a save through the API.
 */
async function planValues(context: PlanContext, plan: TemplatePlan): Promise<void> {
  const { tx, user, framework, cycle, stamp, now } = context;
  const cells = valueCells(context.filled);
  const keys = cells.map(({ target }) => ({
    cycle_id: cycle.id,
    element_code: target.element,
    region_code: target.region,
  }));
  const current = new Map<string, ValueRow>();
  for (const row of await tx.values.forKeys(keys)) {
    current.set(valueKey(row.cycle_id, row.element_code, row.region_code), row);
  }
  const absent = keys.filter(
    (key) => !current.has(valueKey(key.cycle_id, key.element_code, key.region_code)),
  );
  const lastVersions = await tx.values.lastVersions(absent);
  for (const { cell, target } of cells) {
    const key = valueKey(cycle.id, target.element, target.region);
    const stored = current.get(key);
    if (stored && sameFigure(stored.value, cell.value)) {
      plan.unchanged++;
      continue;
    }
    const stampVersion = stamp.values.get(stampValueKey(target.element, target.region)) ?? 0;
    if ((stored?.version ?? 0) !== stampVersion) {
      plan.conflicts.push({ cell: cell.label, stored: stored?.value ?? null, file: cell.value });
      continue;
    }
    assertCanWriteElement(user, framework, target.element);
    await assertWritableIn(tx, context.clock, cycle, {
      owners: ownersOf(framework, "dataElement", target.element),
      writerDepartment: writerDepartment(user),
    });
    // A figure removed online goes on from its last version (values/save-batcher.ts).
    const version = (stored?.version ?? lastVersions.get(key) ?? 0) + 1;
    plan.values.push({
      before: stored?.value ?? null,
      row: {
        cycle_id: cycle.id,
        element_code: target.element,
        region_code: target.region,
        value: cell.value,
        // The explanation given online stays with the figure.
        note: stored?.note ?? null,
        version,
        updated_by: user.username,
        updated_at: now,
      },
    });
  }
}

async function planWork(context: PlanContext, plan: TemplatePlan): Promise<void> {
  const { tx, user, framework, cycle, stamp, now } = context;
  const byItem = new Map<string, { cell: FilledCell; target: WorkTarget }[]>();
  for (const entry of workCells(context.filled)) {
    const list = byItem.get(entry.target.item) ?? [];
    list.push(entry);
    byItem.set(entry.target.item, list);
  }
  for (const [itemCode, cells] of byItem) {
    const item = framework.workItems.find((candidate) => candidate.code === itemCode);
    if (!item) continue;
    const stored = await tx.work.one(cycle.id, itemCode);
    // Only criteria the item still has; read as own keys into a Map.
    const awarded = new Map<string, number>();
    for (const criterion of item.criteria) {
      if (stored && Object.hasOwn(stored.awarded, criterion.code)) {
        awarded.set(criterion.code, stored.awarded[criterion.code]!);
      }
    }
    const differing = cells.filter(({ cell, target }) => {
      const before = awarded.get(target.criterion);
      return before === undefined || !sameFigure(before, cell.value);
    });
    plan.unchanged += cells.length - differing.length;
    if (differing.length === 0) continue;
    if ((stored?.version ?? 0) !== (stamp.work.get(itemCode) ?? 0)) {
      for (const { cell, target } of differing) {
        plan.conflicts.push({
          cell: cell.label,
          stored: awarded.get(target.criterion) ?? null,
          file: cell.value,
        });
      }
      continue;
    }
    assertCanWriteDepartmentItem(user, item.department, item.code);
    await assertWritableIn(tx, context.clock, cycle, {
      owners: [item.department],
      writerDepartment: writerDepartment(user),
    });
    for (const { cell, target } of differing) awarded.set(target.criterion, cell.value);
    const record = Object.fromEntries(awarded);
    plan.work.push({
      item: itemCode,
      before: stored ? { awarded: stored.awarded, version: stored.version } : undefined,
      awarded: record,
      row: {
        cycle_id: cycle.id,
        item_code: itemCode,
        awarded: JSON.stringify(record),
        explanation: stored?.explanation ?? null,
        version: (stored?.version ?? 0) + 1,
        updated_by: user.username,
        updated_at: now,
      },
    });
  }
}

export async function planTemplate(context: PlanContext): Promise<TemplatePlan> {
  const plan: TemplatePlan = { values: [], work: [], unchanged: 0, conflicts: [] };
  await planValues(context, plan);
  await planWork(context, plan);
  return plan;
}

/** Writes the plan: figures with their history (as the save batcher does), then answers. */
export async function writePlan(tx: Repositories, plan: TemplatePlan): Promise<void> {
  const rows = plan.values.map((change) => change.row);
  await tx.values.upsertMany(rows);
  await tx.values.addHistoryMany(rows);
  for (const change of plan.work) {
    const written = change.before
      ? await tx.work.update(change.row, change.before.version)
      : await tx.work.insert(change.row);
    // Under the head lock nothing can move the version; a miss is a bug, not a conflict.
    if (!written) throw new Error(`work answer ${change.item} changed under the audit lock`);
  }
}
