import type { ChangePasswordBody, PasswordChanged } from "../../contract/password-change";
import { localized } from "../../core";
import { recordAudit } from "../audit/record";
import type { UseCaseDeps } from "../context";
import { DomainError, invalid } from "../errors";
import { passwordProblems } from "./password-policy";
import type { ActiveSession } from "./resolve-session";

/**
 * Refuses everything but the change itself (and /api/me, sign-out) to a session whose
 * account holds a password an administrator gave. The answer is a 403 whose `error` is
 * `password_change_required` (it replaces the kind's own name), so the client can tell it
 * from any other refusal and take the user to the change.
 */
export function assertPasswordChosen(session: Pick<ActiveSession, "mustChangePassword">): void {
  if (!session.mustChangePassword) return;
  throw new DomainError(
    "forbidden",
    localized(
      "您的密码由管理员设置，须先修改为只有您知道的新密码（POST /api/auth/password），然后才能进行其他操作",
      "your password was set by an administrator: change it to one only you know (POST /api/auth/password) before anything else",
    ),
    { error: "password_change_required" },
  );
}

/**
 * A signed-in user chooses a new password: the current one must be right, the new one
 * must pass the policy and differ from it. The forced-change mark is cleared, this session
 * stays and the account's other sessions end (whoever else held the old password is out).
 * A wrong current password is audited and answered 422 naming `currentPassword`; the
 * route is rate-limited like sign-in, so it is no way to guess passwords.
 */
export async function changePassword(
  deps: Pick<UseCaseDeps, "repos" | "clock" | "passwords">,
  session: Pick<ActiveSession, "id" | "user">,
  body: ChangePasswordBody,
): Promise<PasswordChanged> {
  const { repos, clock, passwords } = deps;
  const account = await repos.users.byId(session.user.id);
  if (!account || !(await passwords.verify(account.password_hash, body.currentPassword))) {
    await repos.transaction((tx) =>
      recordAudit(tx, clock, {
        actor: session.user.username,
        action: "auth.password_change_failed",
        objectType: "user",
        objectId: session.user.username,
      }),
    );
    throw invalid("当前密码不正确", "the current password is wrong", {
      field: "currentPassword",
    });
  }
  if (body.newPassword === body.currentPassword) {
    throw invalid("新密码不能与当前密码相同", "the new password must differ from the current one", {
      field: "newPassword",
    });
  }
  const problems = passwordProblems(body.newPassword, account.username);
  if (problems.length > 0) {
    throw invalid(
      problems.map((problem) => problem.zh).join("；"),
      problems.map((problem) => problem.en).join("; "),
      { field: "newPassword" },
    );
  }
  const passwordHash = await passwords.hash(body.newPassword);
  const changedAt = clock.now().toISOString();
  const ended = await repos.transaction(async (tx) => {
    await tx.users.setPassword(account.id, passwordHash, changedAt, false);
    const [deleted] = await tx.sessions.deleteForUserExcept(account.id, session.id);
    await recordAudit(tx, clock, {
      actor: account.username,
      action: "auth.password_change",
      objectType: "user",
      objectId: account.username,
      before: { mustChangePassword: Boolean(account.must_change_password) },
      after: { mustChangePassword: false },
    });
    return Number(deleted?.numDeletedRows ?? 0);
  });
  return { changedAt, mustChangePassword: false, otherSessionsEnded: ended };
}
