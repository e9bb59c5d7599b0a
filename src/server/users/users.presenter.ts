import type { AccountLock } from "../../contract/api";
import type { LockRow } from "../auth/login-throttle.repository";

/** A sign-in lock in force as the API shows it (only locks in force are listed, so `locked_until` is set). */
export const presentAccountLock = (row: LockRow): AccountLock => ({
  username: row.username,
  displayName: row.display_name,
  scope: row.scope,
  failures: row.failures,
  lockedAt: row.locked_at,
  lockedUntil: row.locked_until!,
  lastAttemptAt: row.last_attempt_at,
});
