import { mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
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
  /** Deletes the file; nothing happens when there is none. */
  remove(sha256: string): Promise<void>;
}

/** Makes a file's bytes (or a folder's entries) reach the disk before we go on. */
async function syncPath(path: string, flags: "r" | "r+"): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Files under `root/ab/cd/<sha256>`; written to a temporary name, synced, renamed, and
 * the folder synced — so a file whose row the database has committed (SQLite runs
 * `synchronous = FULL`) is on disk too, even after a power cut, and never half-written.
 */
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
      const folder = join(root, sha256.slice(0, 2), sha256.slice(2, 4));
      const temporary = `${target}.${newId()}.tmp`;
      const handle = await open(temporary, "wx", 0o600);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
      await syncPath(folder, "r");
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
    async remove(sha256) {
      if (!valid(sha256)) return;
      try {
        await unlink(pathOf(sha256));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
        throw error;
      }
      // Like a write, the removal reaches the disk before anyone is told it happened.
      await syncPath(join(root, sha256.slice(0, 2), sha256.slice(2, 4)), "r");
    },
  };
}
