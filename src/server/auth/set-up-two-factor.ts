import { localized } from "../../core";
import { recordAudit } from "../audit/record";
import type { UseCaseDeps } from "../context";
import { DomainError, invalid } from "../errors";
import type { AuthUser } from "./auth-user";
import { newRecoveryCodes, RECOVERY_KEY_PURPOSE, recoveryCodeHash } from "./recovery-codes";
import { openSecret, sealSecret } from "./secret-box";
import { newTotpSecret, totpStep, totpUri, TOTP_ISSUER, TOTP_KEY_PURPOSE } from "./totp";

type Deps = Pick<UseCaseDeps, "repos" | "clock" | "secrets">;

const alreadyOn = () =>
  new DomainError(
    "conflict",
    localized(
      "双因素登录已开启；如需更换验证器，请联系系统管理员重置",
      "two-factor sign-in is already on; to change authenticators, ask a system administrator to reset it",
    ),
  );

/**
 * Starts enrolment: a new TOTP secret, sealed at rest, not used for sign-in until a code
 * from it confirms it. Returns what the authenticator app needs: the otpauth:// URI (for
 * a QR code) and the secret itself (to type in). Starting again replaces the secret.
 */
export async function setUpTwoFactor(deps: Deps, user: AuthUser) {
  const { repos, clock } = deps;
  const existing = await repos.users.twoFactor.credential(user.id);
  if (existing?.confirmed_at) throw alreadyOn();
  const secret = newTotpSecret();
  const now = clock.now().toISOString();
  await repos.transaction(async (tx) => {
    await tx.users.twoFactor.savePending({
      user_id: user.id,
      secret: sealSecret(deps.secrets.derive(TOTP_KEY_PURPOSE), secret, user.id),
      created_at: now,
    });
    await recordAudit(tx, clock, {
      actor: user.username,
      action: "auth.2fa_setup",
      objectType: "user",
      objectId: user.id,
      after: { restarted: existing !== undefined },
    });
  });
  return {
    otpauthUri: totpUri(user.username, secret),
    secret,
    issuer: TOTP_ISSUER,
    account: user.username,
  };
}

/**
 * Confirms enrolment with a code from the new secret: two-factor sign-in is on from now,
 * the code's time step counts as used, and ten recovery codes are made — returned this
 * once, stored only as keyed hashes. The account's other sessions end: one opened with
 * the password alone before enrolment must not outlive it.
 */
export async function confirmTwoFactor(
  deps: Deps,
  user: AuthUser,
  sessionId: string,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const { repos, clock } = deps;
  const credential = await repos.users.twoFactor.credential(user.id);
  if (credential?.confirmed_at) throw alreadyOn();
  if (!credential) {
    throw new DomainError(
      "conflict",
      localized(
        "尚未开始设置双因素登录，请先调用 POST /api/auth/2fa/setup",
        "two-factor sign-in has not been started; call POST /api/auth/2fa/setup first",
      ),
    );
  }
  const now = clock.now();
  const secret = openSecret(deps.secrets.derive(TOTP_KEY_PURPOSE), credential.secret, user.id);
  const step = await totpStep(secret, code.trim(), now);
  if (step === undefined) {
    await repos.transaction((tx) =>
      recordAudit(tx, clock, {
        actor: user.username,
        action: "auth.2fa_confirm_failed",
        objectType: "user",
        objectId: user.id,
      }),
    );
    throw invalid(
      "验证码不正确：请输入验证器应用中当前显示的 6 位数字",
      "the code is wrong: enter the 6 digits your authenticator app shows now",
      { field: "code" },
    );
  }
  const recoveryCodes = newRecoveryCodes();
  const key = deps.secrets.derive(RECOVERY_KEY_PURPOSE);
  await repos.transaction(async (tx) => {
    if (!(await tx.users.twoFactor.confirm(user.id, now.toISOString(), step))) throw alreadyOn();
    await tx.users.twoFactor.replaceRecoveryCodes(
      user.id,
      recoveryCodes.map((recovery) => recoveryCodeHash(key, user.id, recovery)),
      now.toISOString(),
    );
    await tx.sessions.deleteForUserExcept(user.id, sessionId);
    await recordAudit(tx, clock, {
      actor: user.username,
      action: "auth.2fa_enabled",
      objectType: "user",
      objectId: user.id,
      after: { recoveryCodes: recoveryCodes.length },
    });
  });
  return { recoveryCodes };
}
