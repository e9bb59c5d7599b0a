import { localized } from "../../core";
import { recordAudit } from "../audit/record";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { newToken, sha256Hex } from "../ids";
import type { Repositories } from "../repositories";
import { toAuthUser, type AuthUser } from "./auth-user";
import type { PasswordHasher } from "./passwords";
import { LOCK_MS, MAX_FAILED_LOGINS } from "./session-policy";

export interface AuthDeps {
  repos: Repositories;
  clock: Clock;
  passwords: PasswordHasher;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: AuthUser;
}

/** A hash to verify against when the username is unknown, so both cases take as long. */
let decoyHash: Promise<string> | undefined;

const badCredentials = () =>
  new DomainError("unauthenticated", localized("用户名或密码不正确", "wrong username or password"));

/**
 * Signs a user in: checks the lock, the password and the account, counts failures
 * (5 in a row lock the account for 15 minutes), and opens a fresh session — any
 * session the browser already had is ended (rotation at login).
 */
export async function logIn(
  deps: AuthDeps,
  input: { username: string; password: string; previousToken?: string },
): Promise<LoginResult> {
  const { repos, clock, passwords } = deps;
  const now = clock.now();
  const user = await repos.users.byUsername(input.username);
  if (!user) {
    decoyHash ??= passwords.hash("decoy-password-Kaoping-1");
    await passwords.verify(await decoyHash, input.password);
    await repos.transaction((tx) =>
      recordAudit(tx, clock, {
        actor: input.username,
        action: "auth.login_failed",
        objectType: "user",
        objectId: input.username,
        after: { reason: "unknown user" },
      }),
    );
    throw badCredentials();
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    await repos.transaction((tx) =>
      recordAudit(tx, clock, {
        actor: user.username,
        action: "auth.login_failed",
        objectType: "user",
        objectId: user.id,
        after: { reason: "locked" },
      }),
    );
    const minutes = Math.ceil((new Date(user.locked_until).getTime() - now.getTime()) / 60_000);
    throw new DomainError(
      "locked",
      localized(
        `连续登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试`,
        `too many failed logins; the account is locked for ${minutes} more minute(s)`,
      ),
      { lockedUntil: user.locked_until },
    );
  }
  const passwordOk = await passwords.verify(user.password_hash, input.password);
  if (!passwordOk || user.disabled) {
    const failures = user.failed_logins + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    await repos.transaction(async (tx) => {
      await tx.users.recordFailedLogin(
        user.id,
        lock ? 0 : failures,
        lock ? new Date(now.getTime() + LOCK_MS).toISOString() : null,
      );
      await recordAudit(tx, clock, {
        actor: user.username,
        action: "auth.login_failed",
        objectType: "user",
        objectId: user.id,
        after: { reason: user.disabled ? "disabled" : "wrong password", failures, locked: lock },
      });
    });
    throw badCredentials();
  }

  const token = newToken();
  const csrfToken = newToken();
  await repos.transaction(async (tx) => {
    if (input.previousToken) await tx.sessions.delete(sha256Hex(input.previousToken));
    await tx.users.clearFailedLogins(user.id);
    await tx.sessions.insert({
      id: sha256Hex(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
    });
    await recordAudit(tx, clock, {
      actor: user.username,
      action: "auth.login",
      objectType: "user",
      objectId: user.id,
    });
  });
  return { token, csrfToken, user: toAuthUser(user) };
}
