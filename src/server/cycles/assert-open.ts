import { localized } from "../../core";
import type { CyclesTable } from "../db/schema";
import { DomainError } from "../errors";
import type { Repositories } from "../repositories";

function closedError(cycle: { year: number }): DomainError {
  return new DomainError(
    "locked",
    localized(
      `${cycle.year} 年度考评已关闭，数据不能再修改`,
      `evaluation year ${cycle.year} is closed; figures can no longer change`,
    ),
  );
}

/** Figures can change only while the year is open; say why when it is not. */
export function assertCycleOpen(cycle: CyclesTable): void {
  if (cycle.status !== "open") throw closedError(cycle);
}

const statusInTransaction = new WeakMap<Repositories, Map<string, string | undefined>>();

/**
 * The same check inside the writing transaction, after the audit head lock is taken,
 * so a year closed a moment ago cannot still receive a write. Read once per
 * transaction and cycle (a batch of saves shares it).
 */
export async function assertCycleOpenIn(
  tx: Repositories,
  cycle: { id: string; year: number },
): Promise<void> {
  let statuses = statusInTransaction.get(tx);
  if (!statuses) statusInTransaction.set(tx, (statuses = new Map()));
  if (!statuses.has(cycle.id)) statuses.set(cycle.id, await tx.cycles.statusOf(cycle.id));
  if (statuses.get(cycle.id) !== "open") throw closedError(cycle);
}
