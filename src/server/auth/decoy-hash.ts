import { randomBytes } from "node:crypto";
import type { PasswordHasher } from "./passwords";

const decoys = new WeakMap<PasswordHasher, Promise<string>>();

/**
 * A hash made by `passwords` (so with the same cost as real ones) to verify against when
 * the name is unknown: every sign-in attempt does exactly one verification. The app
 * prepares it when its routes are registered, so no attempt pays for making it.
 */
export function decoyHash(passwords: PasswordHasher): Promise<string> {
  let decoy = decoys.get(passwords);
  if (!decoy) {
    decoy = passwords.hash(`decoy-${randomBytes(12).toString("base64url")}-Kp1`);
    decoys.set(passwords, decoy);
  }
  return decoy;
}
