import type { AuthUser } from "../auth/auth-user";
import { AUDIT_READERS, CITY_WRITERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";

type CheckpointDeps = Pick<UseCaseDeps, "repos" | "clock" | "checkpoints">;

export interface CheckpointLine {
  seq: number;
  hash: string;
  at: string;
}

/**
 * Copies the committed head of the audit chain to the checkpoint file, unless it has
 * not moved since the last one. Run on a timer by the server, at its shutdown, and on
 * demand (`kaoping audit checkpoint`, POST /api/audit/checkpoints).
 */
export async function writeCheckpoint(
  deps: CheckpointDeps,
): Promise<CheckpointLine & { written: boolean }> {
  const head = await deps.repos.audit.head();
  const at = deps.clock.now().toISOString();
  if (head.seq === 0) return { ...head, at, written: false };
  const written = deps.checkpoints.append(head, at);
  return { seq: head.seq, hash: head.hash, at: written?.at ?? at, written: written !== undefined };
}

/** The checkpoints that hold (lines failing their HMAC are left to `audit verify` to report). */
export function listCheckpoints(deps: Pick<UseCaseDeps, "checkpoints">): CheckpointLine[] {
  return deps.checkpoints
    .read()
    .filter((checkpoint) => checkpoint.authentic)
    .map(({ seq, hash, at }) => ({ seq, hash, at }));
}

export function listCheckpointsForUser(deps: CheckpointDeps, user: AuthUser): CheckpointLine[] {
  requireRole(user, AUDIT_READERS);
  return listCheckpoints(deps);
}

export function writeCheckpointForUser(deps: CheckpointDeps, user: AuthUser) {
  requireRole(user, CITY_WRITERS);
  return writeCheckpoint(deps);
}

/**
 * Writes a checkpoint every `intervalMs` while the server runs (only when the chain has
 * moved), so a truncation can hide at most the writes of the last interval.
 */
export function startCheckpointTimer(
  deps: CheckpointDeps,
  intervalMs: number,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => writeCheckpoint(deps)).catch(() => undefined);
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      tick();
      await running;
    },
  };
}
