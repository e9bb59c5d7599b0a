import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sha256Hex } from "../ids";
import { DEVICE_TRUST_MS } from "./session-policy";

/**
 * "Device cookies" (OWASP, Slow Down Online Guessing Attacks with Device Cookies): a
 * browser that has signed in to an account carries a token the server signed for that
 * account. Failed attempts from a browser with such a token count against that browser
 * alone; attempts from anywhere else count against the account's untrusted clients.
 *
 * Threat model. An attacker who knows a user name guesses passwords from any number of
 * addresses, and may want either to get in or to keep the real user out.
 * - Guessing: untrusted clients together get MAX_FAILED_LOGINS attempts per LOCK_MS per
 *   account, counted before the password is checked, so even concurrent guesses cannot
 *   exceed it; once locked, even the right password is refused to them. The attacker
 *   has no trusted token (it needs a sign-in, and the server's key to forge).
 * - Locking the user out: the attacker's failures lock only untrusted clients. The real
 *   user's browser keeps its own count and signs in throughout; a new browser waits for
 *   the lock to end, or an administrator lifts it. The same holds for request rates.
 * - A stolen token gives no access (it is not a credential), only a separate budget of
 *   MAX_FAILED_LOGINS guesses, and one that locks itself when used up. Tokens issued
 *   before a password change are not trusted.
 * - Telling accounts apart: unknown names are counted and locked exactly like real ones,
 *   and every refusal has the same status, body and work.
 *
 * The cookie holds up to MAX_TOKENS tokens (a shared office browser signs in to several
 * accounts), each `issued.nonce.mac` with the MAC over the account name, the issue time
 * and the nonce (HMAC-SHA256 under a key kept outside the database).
 */
export const DEVICE_COOKIE = "kaoping_device";
const MAX_TOKENS = 5;
const MAC_BYTES = 16;

export interface TrustedDevice {
  /** Stable for the token, safe to store: the throttle key of this browser. */
  id: string;
}

function mac(key: Buffer, username: string, issued: string, nonce: string): Buffer {
  return createHmac("sha256", key)
    .update(`${username}\n${issued}\n${nonce}`)
    .digest()
    .subarray(0, MAC_BYTES);
}

function tokensOf(cookie: string | undefined): string[] {
  return (cookie ?? "").split(",").filter(Boolean).slice(0, MAX_TOKENS);
}

/** The token's nonce when it was signed for `username`, issued before `now` and not too long ago. */
function verifiedNonce(
  key: Buffer,
  token: string,
  username: string,
  now: Date,
  notBefore?: Date,
): string | undefined {
  const [issued, nonce, signature, extra] = token.split(".");
  if (!issued || !nonce || !signature || extra !== undefined) return undefined;
  // Compared as text: only the one canonical spelling of the MAC is accepted.
  const given = Buffer.from(signature);
  const expected = Buffer.from(mac(key, username, issued, nonce).toString("base64url"));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const issuedMs = Number.parseInt(issued, 36) * 1000;
  if (!Number.isFinite(issuedMs) || issuedMs > now.getTime()) return undefined;
  if (now.getTime() - issuedMs > DEVICE_TRUST_MS) return undefined;
  // Compared in whole seconds, the resolution of the token.
  if (notBefore && issuedMs < Math.floor(notBefore.getTime() / 1000) * 1000) return undefined;
  return nonce;
}

/**
 * The trusted browser behind a device cookie for `username`, if the cookie holds a
 * valid token for it. `passwordChangedAt` (when the account is known) voids older tokens.
 */
export function recogniseDevice(
  key: Buffer,
  cookie: string | undefined,
  username: string,
  now: Date,
  passwordChangedAt?: string,
): TrustedDevice | undefined {
  const notBefore = passwordChangedAt ? new Date(passwordChangedAt) : undefined;
  for (const token of tokensOf(cookie)) {
    const nonce = verifiedNonce(key, token, username, now, notBefore);
    if (nonce) return { id: sha256Hex(nonce).slice(0, 32) };
  }
  return undefined;
}

/**
 * The device cookie after a sign-in to `username`: a fresh token for it first, then the
 * browser's tokens for other accounts, at most MAX_TOKENS.
 */
export function rememberDevice(
  key: Buffer,
  cookie: string | undefined,
  username: string,
  now: Date,
): string {
  const issued = Math.floor(now.getTime() / 1000).toString(36);
  const nonce = randomBytes(16).toString("base64url");
  const fresh = `${issued}.${nonce}.${mac(key, username, issued, nonce).toString("base64url")}`;
  const others = tokensOf(cookie).filter(
    (token) => verifiedNonce(key, token, username, now) === undefined,
  );
  return [fresh, ...others].slice(0, MAX_TOKENS).join(",");
}

export const DEVICE_KEY_PURPOSE = "device-trust";
export const DEVICE_COOKIE_MAX_AGE_S = DEVICE_TRUST_MS / 1000;
