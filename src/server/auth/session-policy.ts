const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Session and lock-out rules (等保-style): idle 30 minutes, absolute 12 hours. */
export const SESSION_IDLE_MS = 30 * MINUTE;
export const SESSION_ABSOLUTE_MS = 12 * 60 * MINUTE;
/** A session's last-seen time is written at most this often, to keep reads cheap. */
export const SESSION_TOUCH_MS = MINUTE;

/** Attempts (passwords and codes) one scope may make in LOCK_MS before it is locked. */
export const MAX_FAILED_LOGINS = 5;
/** How long a lock holds, and the window in which attempts are counted. */
export const LOCK_MS = 15 * MINUTE;
/** A browser that signed in to an account is trusted by it this long after its last sign-in. */
export const DEVICE_TRUST_MS = 90 * DAY;

/** Between the password and the second factor: how long, and how many codes. */
export const CHALLENGE_MS = 5 * MINUTE;
export const MAX_CODE_ATTEMPTS = 5;

/**
 * Attempts on the sign-in routes (answered 429 beyond them; a successful sign-in is given
 * back): per client address, and per account for clients the account does not know. A
 * trusted browser has a budget of its own, so nobody can use up the real user's.
 */
export const SIGN_IN_RATE = {
  perAddress: { max: 20, windowMs: 5 * MINUTE },
  perAccount: { max: 30, windowMs: LOCK_MS },
  perTrustedDevice: { max: 10, windowMs: MINUTE },
} as const;
