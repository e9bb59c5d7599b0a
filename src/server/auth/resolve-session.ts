import type { Clock } from "../clock";
import { sha256Hex } from "../ids";
import type { Repositories } from "../repositories";
import type { AuthUser } from "./auth-user";
import type { SecondFactorState } from "./two-factor-policy";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_TOUCH_MS } from "./session-policy";

export interface ActiveSession {
  id: string;
  user: AuthUser;
  csrfToken: string;
  secondFactor: SecondFactorState;
  /** The account holds a password an administrator gave: it must choose its own first. */
  mustChangePassword: boolean;
}

/**
 * The session behind a cookie token, or undefined when there is none, it has been
 * idle for 30 minutes, it is older than 12 hours, or its user is disabled.
 */
export async function resolveSession(
  deps: { repos: Repositories; clock: Clock },
  token: string,
): Promise<ActiveSession | undefined> {
  const { repos, clock } = deps;
  const id = sha256Hex(token);
  const row = await repos.sessions.withUser(id);
  if (!row) return undefined;
  const now = clock.now().getTime();
  const idle = now - new Date(row.last_seen_at).getTime();
  const age = now - new Date(row.session_created_at).getTime();
  if (idle > SESSION_IDLE_MS || age > SESSION_ABSOLUTE_MS) {
    await repos.sessions.delete(id);
    return undefined;
  }
  if (row.disabled) return undefined;
  if (idle > SESSION_TOUCH_MS) await repos.sessions.touch(id, clock.now().toISOString());
  const user: AuthUser = {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    departmentCode: row.department_code,
  };
  return {
    id,
    user,
    csrfToken: row.csrf_token,
    secondFactor: {
      enrolled: row.totp_confirmed_at !== null,
      exemptReason: row.two_factor_exempt,
    },
    mustChangePassword: Boolean(row.must_change_password),
  };
}

/** Ends the session behind a token (logout). */
export async function endSession(deps: { repos: Repositories }, token: string): Promise<void> {
  await deps.repos.sessions.delete(sha256Hex(token));
}
