import { createHmac, randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
export const RECOVERY_KEY_PURPOSE = "recovery-codes";
/** Lower-case letters and digits without the ones that read alike (0/o, 1/l/i). */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten codes like "k7m2q-x9trb" (about 49 bits each), shown once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** What is stored for a code: typed with or without the hyphen, spaces or capitals, it matches. */
export function recoveryCodeHash(key: Buffer, userId: string, code: string): string {
  const normalized = code.toLowerCase().replace(/[\s-]+/g, "");
  return createHmac("sha256", key).update(`${userId}\n${normalized}`).digest("hex");
}
