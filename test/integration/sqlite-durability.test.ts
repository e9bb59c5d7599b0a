import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openSqlite } from "../../src/server/db/connect";

/**
 * An acknowledged save must survive power loss, not only a killed process: the SQLite
 * file runs in WAL mode with synchronous = FULL (every commit syncs the WAL). A killed
 * process cannot tell FULL from NORMAL, so the setting itself is what is checked here.
 */
describe("the SQLite database file", () => {
  it("is opened in WAL mode with every commit synced (synchronous = FULL)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kaoping-sqlite-"));
    const { db, close } = openSqlite(join(dir, "kaoping.sqlite"));
    try {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
      expect(mode.rows[0]?.journal_mode).toBe("wal");
      // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
      expect(synchronous.rows[0]?.synchronous).toBe(2);
    } finally {
      await close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
