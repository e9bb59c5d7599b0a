import { recordAudit } from "../audit/record";
import type { UseCaseDeps } from "../context";
import { newToken, sha256Hex } from "../ids";
import type { Repositories } from "../repositories";
import type { UserRow } from "../users/users.repository";
import { toAuthUser, type AuthUser } from "./auth-user";
import { DEVICE_KEY_PURPOSE, rememberDevice } from "./device-trust";
import type { SecondFactorState } from "./two-factor-policy";

export type SignInDeps = Pick<UseCaseDeps, "repos" | "clock" | "passwords" | "secrets">;

/** Where a sign-in attempt comes from, as the HTTP layer sees it. */
export interface SignInClient {
  /** The session cookie the browser already had: it is ended (rotation at sign-in). */
  previousToken?: string | undefined;
  /** The device cookie (see device-trust.ts). */
  deviceCookie?: string | undefined;
  /** The client's address, for the audit log. */
  address?: string | undefined;
}

export interface OpenedSession {
  kind: "signed_in";
  token: string;
  csrfToken: string;
  user: AuthUser;
  secondFactor: SecondFactorState;
  /** The account must choose a new password before anything else (see http/session.ts). */
  mustChangePassword: boolean;
  /** The device cookie to set: this browser is now trusted by the account. */
  deviceCookie: string;
}

/**
 * The last step of every sign-in: the attempt count of the scope starts again, the
 * browser's previous session ends, a new one opens, and the device cookie is renewed.
 */
export async function openSession(
  deps: SignInDeps,
  input: {
    user: UserRow;
    throttleKey: string;
    client: SignInClient;
    secondFactor: SecondFactorState;
    /** How the user proved who they are, for the audit log. */
    method: "password" | "totp" | "recovery_code";
    trustedDevice: boolean;
  },
  inSameTransaction?: (tx: Repositories) => Promise<void>,
): Promise<OpenedSession> {
  const { repos, clock } = deps;
  const now = clock.now();
  const token = newToken();
  const csrfToken = newToken();
  const { user, client } = input;
  await repos.transaction(async (tx) => {
    if (client.previousToken) await tx.sessions.delete(sha256Hex(client.previousToken));
    await tx.users.throttle.clear(input.throttleKey, now);
    await tx.sessions.insert({
      id: sha256Hex(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
    });
    await inSameTransaction?.(tx);
    await recordAudit(tx, clock, {
      actor: user.username,
      action: "auth.login",
      objectType: "user",
      objectId: user.id,
      after: {
        method: input.method,
        trustedDevice: input.trustedDevice,
        ...(client.address ? { client: client.address } : {}),
      },
    });
  });
  return {
    kind: "signed_in",
    token,
    csrfToken,
    user: toAuthUser(user),
    secondFactor: input.secondFactor,
    mustChangePassword: Boolean(user.must_change_password),
    deviceCookie: rememberDevice(
      deps.secrets.derive(DEVICE_KEY_PURPOSE),
      client.deviceCookie,
      user.username,
      now,
    ),
  };
}
