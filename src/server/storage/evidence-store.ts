import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { newId } from "../ids";

/**
 * Where evidence files live, addressed by their SHA-256. Local disk now; an
 * S3-compatible store can implement the same three methods.
 */
export interface EvidenceStore {
  put(sha256: string, content: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer | undefined>;
  has(sha256: string): Promise<boolean>;
}

/** Files under `root/ab/cd/<sha256>`; written to a temporary name, then renamed (never half-written). */
export function localEvidenceStore(root: string): EvidenceStore {
  const pathOf = (sha256: string) => join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  const valid = (sha256: string) => /^[0-9a-f]{64}$/.test(sha256);
  return {
    async put(sha256, content) {
      if (!valid(sha256)) throw new Error("invalid content address");
      const target = pathOf(sha256);
      try {
        await stat(target);
        return;
      } catch {
        // not stored yet
      }
      await mkdir(join(root, sha256.slice(0, 2), sha256.slice(2, 4)), {
        recursive: true,
        mode: 0o700,
      });
      const temporary = `${target}.${newId()}.tmp`;
      await writeFile(temporary, content, { mode: 0o600 });
      await rename(temporary, target);
    },
    async get(sha256) {
      if (!valid(sha256)) return undefined;
      try {
        return await readFile(pathOf(sha256));
      } catch {
        return undefined;
      }
    },
    async has(sha256) {
      if (!valid(sha256)) return false;
      try {
        await stat(pathOf(sha256));
        return true;
      } catch {
        return false;
      }
    },
  };
}
