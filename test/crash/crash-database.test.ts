import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrate } from "../../src/server/db/migrate";
import { DIALECTS } from "../support/server-harness";
import { checkIntegrity, createCrashDatabase, type CrashDatabase } from "./crash-database";

/** The integrity checks a crash run relies on must fail on a damaged database. */

async function migrated<T>(
  dialect: (typeof DIALECTS)[number],
  work: (database: CrashDatabase) => Promise<T>,
) {
  const database = await createCrashDatabase(dialect);
  try {
    const { db, close } = database.open();
    await migrate(db as never, dialect);
    await close();
    return await work(database);
  } finally {
    await database.drop();
  }
}

describe.each(DIALECTS)("the integrity checks on %s", (dialect) => {
  it("pass on a sound database, and name an audit head that is not the newest row", async () => {
    await migrated(dialect, async (database) => {
      expect(await checkIntegrity(database)).toEqual([]);
      const { db, close } = database.open();
      await sql`insert into audit_log (seq, at, actor, action, object_type, object_id, prev_hash, hash)
        values (1, '2026-03-01T00:00:00.000Z', 'x', 'x', 'x', 'x', ${"0".repeat(64)}, ${"1".repeat(64)})`.execute(
        db,
      );
      await close();
      expect(await checkIntegrity(database)).toEqual([
        "the audit head names seq 0, the newest audit row is seq 1",
      ]);
    });
  });
});

describe("the SQLite integrity check", () => {
  it("reports an index that no longer matches its table", async () => {
    await migrated("sqlite", async (database) => {
      const file = join(database.dataDir, "kaoping.sqlite");
      const raw = new SQLite(file);
      raw.exec("create table filler (n integer primary key, label text)");
      raw.exec("create index filler_label on filler (label)");
      raw.exec(`insert into filler (label)
        with recursive counter(n) as (select 1 union all select n + 1 from counter where n < 200)
        select printf('label-%06d', n) from counter`);
      // Declare the index over another column: its entries no longer match the rows.
      raw.unsafeMode(true);
      raw.pragma("writable_schema = ON");
      raw
        .prepare("update sqlite_master set sql = ? where name = 'filler_label'")
        .run("CREATE INDEX filler_label ON filler (n)");
      raw.close();
      const problems = await checkIntegrity(database);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^integrity_check: .*filler_label/);
    });
  });

  it("reports a file too damaged to check", async () => {
    await migrated("sqlite", async (database) => {
      const file = join(database.dataDir, "kaoping.sqlite");
      // Past the 100-byte header: the first page's b-tree (the schema) becomes noise.
      const fd = openSync(file, "r+");
      writeSync(fd, Buffer.alloc(3000, 0x5a), 0, 3000, 100);
      closeSync(fd);
      const problems = await checkIntegrity(database);
      expect(problems.join("\n")).toMatch(/could not run|integrity_check/);
    });
  });
});
