import type { CyclesTable } from "../db/schema";
import type { DomainError } from "../errors";
import { lockedError } from "../workflow/lock-messages";
import type { Repositories } from "../repositories";

function closedError(cycle: { year: number; status?: string }): DomainError {
  const kind = cycle.status === "aggregated" ? "aggregated" : "closed";
  return lockedError({ kind }, cycle.year, (code) => code);
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
  const status = statuses.get(cycle.id);
  if (status !== "open") throw closedError({ year: cycle.year, status });
}
