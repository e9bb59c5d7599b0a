import type { ThrottleScope } from "./login-throttle.repository";
import type { TrustedDevice } from "./device-trust";

export interface SignInScope {
  /** The login_throttle row the attempt counts against. */
  key: string;
  scope: ThrottleScope;
}

/**
 * Where an attempt on `username` is counted: against the trusted browser it comes from,
 * or against every client the account does not know. Unknown names get a scope too, so
 * they are counted and locked exactly like real ones.
 */
export function signInScope(username: string, device: TrustedDevice | undefined): SignInScope {
  return device
    ? { key: `device:${device.id}`, scope: "device" }
    : { key: `account:${username}`, scope: "untrusted" };
}
