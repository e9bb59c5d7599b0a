import { join } from "node:path";

/**
 * Where the local evidence store keeps a file: `<root>/ab/cd/<sha256>` (the layout of
 * storage/evidence-store.ts, which reads whole files; backups stream them instead).
 */
export function evidencePath(root: string, sha256: string): string {
  return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}
