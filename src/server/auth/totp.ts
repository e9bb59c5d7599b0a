import { generateSecret, generateURI, verify } from "otplib";

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_S = 30;
/** One step either side of now, for clocks that drift and codes typed near a boundary. */
const TOLERANCE_S = TOTP_PERIOD_S;
export const TOTP_ISSUER = "Kaoping";
export const TOTP_KEY_PURPOSE = "totp";

export const newTotpSecret = (): string => generateSecret({ length: 20 });

/** The otpauth:// URI an authenticator app reads from a QR code. */
export const totpUri = (username: string, secret: string): string =>
  generateURI({ issuer: TOTP_ISSUER, label: username, secret });

export const isTotpShaped = (code: string): boolean => /^\d{6}$/.test(code);

/**
 * The time step the code belongs to when it is right for `secret` at `now` (within one
 * step either way), else undefined. The caller claims the step so it is used once.
 */
export async function totpStep(
  secret: string,
  code: string,
  now: Date,
): Promise<number | undefined> {
  if (!isTotpShaped(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_S,
  });
  // The functional API types results for HOTP too; a TOTP result carries its time step.
  return result.valid && "timeStep" in result ? result.timeStep : undefined;
}
