import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hkdfSync, randomBytes } from "node:crypto";
import { join } from "node:path";

/**
 * The server's secret, kept outside the database so that someone who holds a copy of
 * the database (a dump, a replica, a stolen backup of it alone) cannot forge what the
 * secret protects: the audit chain's HMAC, checkpoint lines, TOTP secrets at rest.
 *
 * Production sets KAOPING_SECRET_KEY (64 hex digits) from its secret store; otherwise the
 * first start writes 32 random bytes to `<data dir>/secret.key`, readable by the server's
 * user only. Each purpose gets its own key derived with HKDF, so one use can never be
 * turned against another.
 */
export interface ServerSecrets {
  /** Where the key came from, for the start-up banner and `kaoping backup`. */
  source: "environment" | "file";
  /** The file holding the key, when it came from one. */
  file?: string;
  /** A 32-byte key for one purpose, e.g. "audit-chain". */
  derive(purpose: string): Buffer;
}

export const SECRET_KEY_FILE = "secret.key";
const KEY_PATTERN = /^[0-9a-f]{64}$/i;

export class SecretKeyError extends Error {}

/** Secrets from a given master key (tests, restore). */
export function secretsFromKey(
  master: Buffer,
  source: ServerSecrets["source"] = "environment",
  file?: string,
): ServerSecrets {
  if (master.length !== 32) throw new SecretKeyError("the secret key must be 32 bytes");
  const cache = new Map<string, Buffer>();
  return {
    source,
    ...(file ? { file } : {}),
    derive(purpose) {
      let key = cache.get(purpose);
      if (!key) {
        key = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `kaoping:${purpose}`, 32));
        cache.set(purpose, key);
      }
      return key;
    },
  };
}

function parseKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  if (!KEY_PATTERN.test(trimmed)) {
    throw new SecretKeyError(
      `${where}: the secret key must be 64 hexadecimal digits (32 bytes); 密钥应为 64 位十六进制数`,
    );
  }
  return Buffer.from(trimmed, "hex");
}

/**
 * Creates the data directory (0700) if needed and returns the server's secrets: from
 * KAOPING_SECRET_KEY, else from `<data dir>/secret.key`, created 0600 on the first start.
 * The file is created exclusively, so two processes starting at once agree on one key.
 */
export function loadServerSecrets(dataDir: string, envKey: string | undefined): ServerSecrets {
  if (envKey) return secretsFromKey(parseKey(envKey, "KAOPING_SECRET_KEY"), "environment");
  ensurePrivateDirectory(dataDir);
  const file = join(dataDir, SECRET_KEY_FILE);
  try {
    writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  chmodSync(file, 0o600);
  return secretsFromKey(parseKey(readFileSync(file, "utf8"), file), "file", file);
}

/** The data directory holds the database, evidence and the key: the server's user only. */
export function ensurePrivateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}
