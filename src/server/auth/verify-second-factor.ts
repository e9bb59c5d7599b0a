import { localized } from "../../core";
import { storableText } from "../../core/text/clean-text";
import { recordAudit } from "../audit/record";
import { DomainError } from "../errors";
import { sha256Hex } from "../ids";
import {
  openSession,
  type OpenedSession,
  type SignInClient,
  type SignInDeps,
} from "./open-session";
import { RECOVERY_KEY_PURPOSE, recoveryCodeHash } from "./recovery-codes";
import { openSecret } from "./secret-box";
import { MAX_CODE_ATTEMPTS } from "./session-policy";
import { isTotpShaped, totpStep, TOTP_KEY_PURPOSE } from "./totp";

const challengeEnded = () =>
  new DomainError(
    "unauthenticated",
    localized(
      "登录验证已失效（超时或验证码错误次数过多），请重新输入用户名和密码",
      "this sign-in has ended (it timed out, or too many wrong codes were tried); enter your username and password again",
    ),
  );

const wrongCode = (left: number) =>
  new DomainError(
    "unauthenticated",
    localized(
      `验证码不正确或已使用过${left > 0 ? `，还可再试 ${left} 次` : ""}`,
      `the code is wrong or has been used already${left > 0 ? `; ${left} more attempt(s)` : ""}`,
    ),
  );

/**
 * The second step of signing in: the code from the authenticator app, or one of the
 * recovery codes, for the challenge the password step gave. Each try is counted on the
 * challenge (it ends after MAX_CODE_ATTEMPTS) and in the scope the password was counted
 * in, both in single statements. A TOTP code's time step is claimed atomically, so the
 * same code never signs in twice; a recovery code is spent atomically, so once.
 */
export async function verifySecondFactor(
  deps: SignInDeps,
  input: { challenge: string; code: string } & SignInClient,
): Promise<OpenedSession> {
  const { repos, clock } = deps;
  const now = clock.now();
  const challengeId = sha256Hex(storableText(input.challenge));
  const taken = await repos.users.twoFactor.takeChallengeAttempt(
    challengeId,
    now.toISOString(),
    MAX_CODE_ATTEMPTS,
  );
  if (!taken) throw challengeEnded();
  const user = await repos.users.byId(taken.user_id);
  if (!user || user.disabled) {
    await repos.users.twoFactor.deleteChallenge(challengeId);
    throw challengeEnded();
  }
  const scope = taken.throttle_key.startsWith("device:") ? "device" : "untrusted";
  const attempt = await repos.users.throttle.countAttempt(
    taken.throttle_key,
    user.username,
    scope,
    now,
  );
  const code = storableText(input.code).trim();
  const method = attempt.allowed ? await acceptCode(deps, user.id, code, now) : undefined;

  if (!method) {
    const attemptsLeft = attempt.allowed ? MAX_CODE_ATTEMPTS - Number(taken.attempts) : 0;
    await repos.transaction(async (tx) => {
      if (attemptsLeft <= 0) await tx.users.twoFactor.deleteChallenge(challengeId);
      await recordAudit(tx, clock, {
        actor: user.username,
        action: "auth.second_factor_failed",
        objectType: "user",
        objectId: user.id,
        after: {
          reason: attempt.allowed ? "wrong code" : "locked",
          kind: isTotpShaped(code) ? "totp" : "recovery_code",
          attempt: Number(taken.attempts),
          challengeEnded: attemptsLeft <= 0,
          failures: attempt.failures,
          ...(input.address ? { client: input.address } : {}),
        },
      });
    });
    throw attemptsLeft > 0 ? wrongCode(attemptsLeft) : challengeEnded();
  }

  return openSession(
    deps,
    {
      user,
      throttleKey: taken.throttle_key,
      client: input,
      secondFactor: { enrolled: true, exemptReason: user.two_factor_exempt },
      method,
      trustedDevice: scope === "device",
    },
    async (tx) => {
      await tx.users.twoFactor.deleteChallenge(challengeId);
      if (method === "recovery_code") {
        await recordAudit(tx, clock, {
          actor: user.username,
          action: "auth.recovery_code_used",
          objectType: "user",
          objectId: user.id,
          after: { remaining: await tx.users.twoFactor.unspentRecoveryCodes(user.id) },
        });
      }
    },
  );
}

/**
 * How the code proved the user, or undefined: six digits are a TOTP code, right now
 * and of a time step not used before (the step is claimed); anything else is tried as
 * a recovery code not spent before (it is spent).
 */
async function acceptCode(
  deps: SignInDeps,
  userId: string,
  code: string,
  now: Date,
): Promise<"totp" | "recovery_code" | undefined> {
  const twoFactor = deps.repos.users.twoFactor;
  if (isTotpShaped(code)) {
    const credential = await twoFactor.credential(userId);
    if (!credential?.confirmed_at) return undefined;
    const secret = openSecret(deps.secrets.derive(TOTP_KEY_PURPOSE), credential.secret, userId);
    const step = await totpStep(secret, code, now);
    return step !== undefined && (await twoFactor.claimStep(userId, step)) ? "totp" : undefined;
  }
  const hash = recoveryCodeHash(deps.secrets.derive(RECOVERY_KEY_PURPOSE), userId, code);
  return (await twoFactor.spendRecoveryCode(userId, hash, now.toISOString()))
    ? "recovery_code"
    : undefined;
}
