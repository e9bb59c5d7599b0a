import type { Repositories } from "../repositories";

type Job<T> = {
  work: (tx: Repositories) => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
};

/** Most writes one transaction carries. */
const MAX_BATCH = 64;

/**
 * Group commit for the hottest writes (clerks saving figures). Every audited write
 * takes the audit chain's head lock, so writes are serialized anyway; instead of one
 * transaction — and one lock hand-over — per write, the queue runs whatever has queued
 * up in one transaction that locks the head once. Each job still decides for itself
 * (a stale version is a result, not an exception). Should a job throw, the batch is
 * rolled back and every job of it re-run alone, so one bad write never takes others
 * with it and nothing is half-written.
 */
export function createWriteQueue(repos: Repositories) {
  const queue: Job<unknown>[] = [];
  let draining = false;

  async function runBatch(batch: Job<unknown>[]): Promise<void> {
    try {
      const results = await repos.transaction(async (tx) => {
        await tx.audit.lock();
        const out: unknown[] = [];
        for (const job of batch) out.push(await job.work(tx));
        return out;
      });
      batch.forEach((job, index) => job.resolve(results[index]));
    } catch {
      for (const job of batch) {
        try {
          job.resolve(
            await repos.transaction(async (tx) => {
              await tx.audit.lock();
              return job.work(tx);
            }),
          );
        } catch (error) {
          job.reject(error);
        }
      }
    }
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) await runBatch(queue.splice(0, MAX_BATCH));
    } finally {
      draining = false;
    }
  }

  return {
    /** Runs `work` inside a transaction that holds the audit head lock; resolves with its result. */
    run<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve, reject } as Job<unknown>);
        if (!draining) void drain();
      });
    },
  };
}

export type WriteQueue = ReturnType<typeof createWriteQueue>;
