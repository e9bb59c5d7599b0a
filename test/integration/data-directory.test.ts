import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/server/start-server";
import { loadServerSecrets } from "../../src/server/secrets/server-key";

/**
 * The data directory holds the database, the evidence, the secret key and the audit
 * checkpoints: on a shared machine nobody but the server's user may read any of it.
 */
const mode = (path: string) => statSync(path).mode & 0o777;

function everything(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true }).map((entry) =>
    join(entry.parentPath, entry.name),
  );
}

describe("the data directory", () => {
  let dataDir: string;
  let parent: string;
  let savedUmask: number;

  beforeAll(async () => {
    // A permissive umask, as on many servers: the server must not rely on it.
    savedUmask = process.umask(0o022);
    parent = mkdtempSync(join(tmpdir(), "kaoping-perm-"));
    dataDir = join(parent, "data");
    const server = await startServer({
      KAOPING_DATA_DIR: dataDir,
      PORT: "0",
      KAOPING_DEMO_PASSWORD: "Test-Pass-2025!",
    });
    await server.close();
  }, 60_000);
  afterAll(() => {
    process.umask(savedUmask);
    rmSync(parent, { recursive: true, force: true });
  });

  it("is 0700, and every file and folder in it is the server's user's alone", () => {
    expect(mode(dataDir)).toBe(0o700);
    const paths = everything(dataDir);
    expect(paths.map((path) => path.slice(dataDir.length + 1))).toEqual(
      expect.arrayContaining(["kaoping.sqlite", "secret.key", "audit-checkpoints.jsonl"]),
    );
    for (const path of paths) {
      const expected = statSync(path).isDirectory() ? 0o700 : 0o600;
      expect(mode(path), path).toBe(expected);
    }
  });

  it("keeps one key across restarts, and tightens a key file someone loosened", async () => {
    const first = loadServerSecrets(dataDir, undefined).derive("audit-chain");
    const { chmodSync } = await import("node:fs");
    chmodSync(join(dataDir, "secret.key"), 0o644);
    const again = loadServerSecrets(dataDir, undefined).derive("audit-chain");
    expect(again.equals(first)).toBe(true);
    expect(mode(join(dataDir, "secret.key"))).toBe(0o600);
  });

  it("takes the key from KAOPING_SECRET_KEY in production, and refuses one that is not 32 bytes", () => {
    const fromEnv = loadServerSecrets(dataDir, "ab".repeat(32)).derive("audit-chain");
    const fromFile = loadServerSecrets(dataDir, undefined).derive("audit-chain");
    expect(fromEnv.equals(fromFile)).toBe(false);
    expect(() => loadServerSecrets(dataDir, "abc")).toThrow(/64/);
  });
});
