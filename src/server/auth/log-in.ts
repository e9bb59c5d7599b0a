import { storableText } from "../../core/text/clean-text";
import { recordAudit } from "../audit/record";
import { newToken, sha256Hex } from "../ids";
import { decoyHash } from "./decoy-hash";
import { DEVICE_KEY_PURPOSE, recogniseDevice } from "./device-trust";
import {
  openSession,
  type OpenedSession,
  type SignInClient,
  type SignInDeps,
} from "./open-session";
import { CHALLENGE_MS } from "./session-policy";
import { signInRefused, visibleText } from "./sign-in-refusal";
import { signInScope } from "./sign-in-scope";

export type { SignInDeps } from "./open-session";

/** The password was right and the account uses a second factor: send the code with this. */
export interface SecondFactorChallenge {
  kind: "second_factor";
  challenge: string;
  expiresAt: string;
}

export type LoginOutcome = OpenedSession | SecondFactorChallenge;

/**
 * The password step of signing in.
 *
 * Every refusal — unknown name, wrong password, disabled account, locked scope — does
 * the same work in the same order and ends in the same answer (`signInRefused`): one
 * user lookup, one counting statement, one argon2 verification (against a decoy hash for
 * an unknown name) and one audit row. The attempt is counted before the password is
 * checked, in one statement, so concurrent guesses cannot slip past the limit, and a
 * locked scope is refused even the right password. See device-trust.ts for the threat
 * model: failures from a browser the account trusts count against that browser only.
 *
 * A right password opens a session, or — for an account with a second factor — a short
 * challenge that `verifySecondFactor` turns into one.
 */
export async function logIn(
  deps: SignInDeps,
  input: { username: string; password: string } & SignInClient,
): Promise<LoginOutcome> {
  const { repos, clock, passwords } = deps;
  const now = clock.now();
  // What the database can hold and compare: a lone surrogate or NUL matches no account.
  const username = storableText(input.username);
  const user = await repos.users.byUsername(username);
  const device = recogniseDevice(
    deps.secrets.derive(DEVICE_KEY_PURPOSE),
    input.deviceCookie,
    username,
    now,
    user?.password_changed_at,
  );
  const scope = signInScope(username, device);
  const attempt = await repos.users.throttle.countAttempt(scope.key, username, scope.scope, now);
  const passwordOk = await passwords.verify(
    user?.password_hash ?? (await decoyHash(passwords)),
    input.password,
  );

  if (!user || user.disabled || !attempt.allowed || !passwordOk) {
    const typed = visibleText(input.username);
    const reason = !user
      ? "unknown user"
      : !attempt.allowed
        ? "locked"
        : user.disabled
          ? "disabled"
          : "wrong password";
    await repos.transaction((tx) =>
      recordAudit(tx, clock, {
        // An account's failures are filed under its name as stored; a name that is no
        // account is never an actor (it could read as anyone: "admin\u202e").
        actor: user ? user.username : "anonymous",
        action: "auth.login_failed",
        objectType: user ? "user" : "unknown_user",
        objectId: user ? user.id : typed.text,
        after: {
          reason,
          username: typed.text,
          ...(typed.escaped ? { usernameEscaped: true } : {}),
          scope: scope.scope,
          failures: attempt.failures,
          lockedUntil: attempt.lockedUntil,
          ...(input.address ? { client: input.address } : {}),
        },
      }),
    );
    throw signInRefused();
  }

  const credential = await repos.users.twoFactor.credential(user.id);
  const secondFactor = {
    enrolled: Boolean(credential?.confirmed_at),
    exemptReason: user.two_factor_exempt,
  };
  if (secondFactor.enrolled) {
    const challenge = newToken();
    const expiresAt = new Date(now.getTime() + CHALLENGE_MS).toISOString();
    await repos.transaction(async (tx) => {
      await tx.users.twoFactor.insertChallenge({
        id: sha256Hex(challenge),
        user_id: user.id,
        throttle_key: scope.key,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        attempts: 0,
      });
      await recordAudit(tx, clock, {
        actor: user.username,
        action: "auth.password_accepted",
        objectType: "user",
        objectId: user.id,
        after: {
          secondFactor: "pending",
          ...(input.address ? { client: input.address } : {}),
        },
      });
    });
    // The count is not reset yet: codes tried on this challenge count in the same scope.
    return { kind: "second_factor", challenge, expiresAt };
  }
  return openSession(deps, {
    user,
    throttleKey: scope.key,
    client: input,
    secondFactor,
    method: "password",
    trustedDevice: device !== undefined,
  });
}
