const MINUTE = 60_000;

/** Session and lock-out rules (等保-style): idle 30 minutes, absolute 12 hours. */
export const SESSION_IDLE_MS = 30 * MINUTE;
export const SESSION_ABSOLUTE_MS = 12 * 60 * MINUTE;
/** A session's last-seen time is written at most this often, to keep reads cheap. */
export const SESSION_TOUCH_MS = MINUTE;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * MINUTE;
