import { localized } from "../../core";
import type { Role } from "../db/schema";
import { DomainError } from "../errors";

/** Roles that sign in with a second factor (等保 2.0 level 3: two factors for administrators). */
export const SECOND_FACTOR_ROLES: readonly Role[] = ["admin", "office", "auditor"];

/** What the account's row says about its second factor. */
export interface SecondFactorState {
  enrolled: boolean;
  /** Why the account is exempt ("demo"), or null. */
  exemptReason: string | null;
}

export interface SecondFactorStatus extends SecondFactorState {
  /** This account must use a second factor to sign in. */
  required: boolean;
  /** Required but not yet set up: the session may only enrol, read /api/me and sign out. */
  setupRequired: boolean;
}

/**
 * The second-factor status of an account. Enforcement (`requireTwoFactor`, on unless
 * KAOPING_REQUIRE_2FA=0) applies to SECOND_FACTOR_ROLES; an exempt account (the seeded
 * demo accounts) is not required. Anyone who has enrolled uses the code at every sign-in.
 */
export function secondFactorStatus(
  role: Role,
  state: SecondFactorState,
  requireTwoFactor: boolean,
): SecondFactorStatus {
  const required = requireTwoFactor && SECOND_FACTOR_ROLES.includes(role) && !state.exemptReason;
  return { ...state, required, setupRequired: required && !state.enrolled };
}

/** Refuses everything but enrolment to a session whose account must set up its second factor first. */
export function assertSecondFactorReady(
  session: { user: { role: Role }; secondFactor: SecondFactorState },
  requireTwoFactor: boolean,
): void {
  if (secondFactorStatus(session.user.role, session.secondFactor, requireTwoFactor).setupRequired) {
    throw new DomainError(
      "forbidden",
      localized(
        "您的角色须使用双因素登录：请先设置双因素登录（POST /api/auth/2fa/setup，再用验证器应用中的验证码确认），然后才能进行其他操作",
        "your role signs in with two factors: set up two-factor sign-in first (POST /api/auth/2fa/setup, then confirm with a code from your authenticator app) before anything else",
      ),
      { setupRequired: true },
    );
  }
}
