import { recordAudit } from "../audit/record";
import type { Clock } from "../clock";
import { assertWritableIn, type WriteScope } from "../workflow/write-guard";
import type { Repositories } from "../repositories";
import type { StoredValue, ValueRow } from "./values.repository";

/** One clerk's save, waiting for the next batch. */
export interface PendingSave {
  row: ValueRow;
  expectedVersion: number;
  cycle: { id: string; year: number };
  /** Whose hand-in covers the figure and who writes it, for the lock rule. */
  scope: WriteScope;
}

export type SaveResult = { saved: true } | { saved: false; current: StoredValue | undefined };

interface Job {
  save: PendingSave;
  resolve: (result: SaveResult) => void;
  reject: (error: unknown) => void;
}

/** Most saves one transaction carries. */
const MAX_BATCH = 128;

const keyOf = (row: { cycle_id: string; element_code: string; region_code: string }) =>
  `${row.cycle_id}\u0000${row.element_code}\u0000${row.region_code}`;

const stored = (row: ValueRow): StoredValue => ({
  value: row.value,
  note: row.note,
  version: row.version,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
});

/**
 * Group commit for the hottest write: clerks saving figures. Every audited write takes
 * the audit chain's head lock, so writes are serialized anyway; instead of one
 * transaction per save, the saves that queued up meanwhile share one transaction
 * with a fixed number of statements: lock the head, read the current rows, then one
 * upsert, one history insert and one audit insert for all of them. Each save is still
 * judged on its own and in arrival order — a stale version is a conflict for that save
 * only, and two saves of the same figure in one batch see each other. Every writer of
 * figures holds the head lock, so the version check in memory is as good as one in SQL.
 */
export function createSaveBatcher(repos: Repositories, clock: Clock) {
  const queue: Job[] = [];
  let draining = false;

  async function runBatch(jobs: Job[]): Promise<SaveResult[]> {
    return repos.transaction(async (tx) => {
      await tx.audit.lock();
      const results: SaveResult[] = [];
      const current = new Map<string, ValueRow>();
      const wanted = jobs.map((job) => job.save.row);
      for (const row of await tx.values.forKeys(wanted)) current.set(keyOf(row), row);
      // A figure not stored now may have been cleared (values/clear-value.ts): entered
      // again, it goes on from its last version, so a client still holding a version from
      // before the clear cannot match the new figure by accident.
      const absent = wanted.filter((row) => !current.has(keyOf(row)));
      const lastVersions = await tx.values.lastVersions(absent);
      const history: ValueRow[] = [];
      for (const { save } of jobs) {
        await assertWritableIn(tx, clock, save.cycle, save.scope);
        const key = keyOf(save.row);
        const before = current.get(key);
        if ((before?.version ?? 0) !== save.expectedVersion) {
          results.push({ saved: false, current: before ? stored(before) : undefined });
          continue;
        }
        const resumed = before ? undefined : lastVersions.get(key);
        // The caller reads the saved version from the row it handed in (save-value.ts).
        if (resumed !== undefined) save.row.version = resumed + 1;
        current.set(key, save.row);
        history.push(save.row);
        await recordAudit(tx, clock, {
          actor: save.row.updated_by,
          action: "value.set",
          objectType: "data_value",
          objectId: `${save.cycle.year}/${save.row.element_code}/${save.row.region_code}`,
          before: before
            ? { value: before.value, note: before.note, version: before.version }
            : null,
          after: { value: save.row.value, note: save.row.note, version: save.row.version },
        });
        results.push({ saved: true });
      }
      // Only the last state of each figure is stored; every accepted save is in the history.
      const finalRows = [...new Map(history.map((row) => [keyOf(row), row])).values()];
      await tx.values.upsertMany(finalRows);
      await tx.values.addHistoryMany(history);
      return results;
    });
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const jobs = queue.splice(0, MAX_BATCH);
        try {
          const results = await runBatch(jobs);
          jobs.forEach((job, index) => job.resolve(results[index]!));
        } catch (error) {
          if (jobs.length === 1) {
            jobs[0]!.reject(error);
            continue;
          }
          // One save's failure (a year closed meanwhile) must not sink the others:
          // put them back one by one.
          for (const job of jobs) {
            try {
              job.resolve((await runBatch([job]))[0]!);
            } catch (single) {
              job.reject(single);
            }
          }
        }
      }
    } finally {
      draining = false;
    }
  }

  return {
    /** Queues a save; resolves when its batch has committed. */
    save(save: PendingSave): Promise<SaveResult> {
      return new Promise((resolve, reject) => {
        queue.push({ save, resolve, reject });
        if (!draining) {
          draining = true;
          // Start on the next turn of the event loop, so saves arriving on other
          // connections meanwhile join this batch (SQLite would otherwise finish each
          // save before the next request is even read).
          setImmediate(() => void drain());
        }
      });
    },
  };
}

export type SaveBatcher = ReturnType<typeof createSaveBatcher>;
