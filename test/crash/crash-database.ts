import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openPostgres, openSqlite, type Db, type Dialect } from "../../src/server/db/connect";
import { createScratchPostgres } from "../support/scratch-postgres";
import type { StoredState } from "./ledger";

/**
 * The database and data directory one crash run works on: a SQLite file under a fresh
 * data directory, or a fresh PostgreSQL database (created here, dropped at the end)
 * with a fresh data directory for the key, the checkpoints and the evidence. Every
 * restart of the server gets the same ones.
 */

export interface CrashDatabase {
  dialect: Dialect;
  dataDir: string;
  /** DATABASE_URL for PostgreSQL; empty for SQLite (so an inherited one is not used). */
  databaseUrl: string;
  /** A connection of the harness's own, for reading what the server stored. */
  open(): Db;
  drop(): Promise<void>;
}

export async function createCrashDatabase(dialect: Dialect): Promise<CrashDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `kaoping-crash-${dialect}-`));
  if (dialect === "sqlite") {
    return {
      dialect,
      dataDir,
      databaseUrl: "",
      open: () => openSqlite(join(dataDir, "kaoping.sqlite")),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const scratch = await createScratchPostgres("kaoping_crash");
  return {
    dialect,
    dataDir,
    databaseUrl: scratch.url,
    open: () => openPostgres(scratch.url, 2),
    drop: async () => {
      await scratch.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What a first start left behind: nothing, everything, or (a failure) something between. */
export interface SeedState {
  migrated: boolean;
  usernames: string[];
  cycles: number;
  frameworks: number;
  auditRows: number;
}

export async function readSeedState(database: CrashDatabase): Promise<SeedState> {
  const { db, close } = database.open();
  try {
    const tables = await db.introspection.getTables();
    if (!tables.some((table) => table.name === "users")) {
      return { migrated: false, usernames: [], cycles: 0, frameworks: 0, auditRows: 0 };
    }
    const users = await db.selectFrom("users").select("username").orderBy("username").execute();
    const count = async (table: "cycles" | "frameworks" | "audit_log") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      migrated: true,
      usernames: users.map((user) => user.username),
      cycles: await count("cycles"),
      frameworks: await count("frameworks"),
      auditRows: await count("audit_log"),
    };
  } finally {
    await close();
  }
}

/** The figures, answers and evidence of one year, and the evidence folder. */
export async function readStoredState(database: CrashDatabase, year: number): Promise<StoredState> {
  const { db, close } = database.open();
  try {
    const cycle = await db
      .selectFrom("cycles")
      .select("id")
      .where("year", "=", year)
      .executeTakeFirstOrThrow();
    const values = await db
      .selectFrom("data_values")
      .select(["element_code", "region_code", "value", "version"])
      .where("cycle_id", "=", cycle.id)
      .execute();
    const work = await db
      .selectFrom("work_answers")
      .select(["item_code", "awarded", "version"])
      .where("cycle_id", "=", cycle.id)
      .execute();
    const evidence = await db
      .selectFrom("evidence")
      .select(["id", "sha256", "size"])
      .where("cycle_id", "=", cycle.id)
      .execute();
    const root = join(database.dataDir, "evidence");
    return {
      figures: new Map(
        values.map((row) => [
          `${row.element_code}/${row.region_code}`,
          { version: Number(row.version), value: Number(row.value) },
        ]),
      ),
      work: new Map(
        work.map((row) => [row.item_code, { version: Number(row.version), awarded: row.awarded }]),
      ),
      evidence: new Map(
        evidence.map((row) => [row.id, { sha256: row.sha256, size: Number(row.size) }]),
      ),
      evidenceFile: (sha256) => {
        try {
          return readFileSync(join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256));
        } catch {
          return undefined;
        }
      },
    };
  } finally {
    await close();
  }
}

/**
 * The database's own consistency checks; returns the problems found (none: []).
 * SQLite: `integrity_check` and `foreign_key_check`. PostgreSQL: amcheck over every
 * B-tree index (with each heap tuple looked up in its index) and every table's heap.
 * Both: the audit chain's head row names the last row of the log.
 */
export async function checkIntegrity(database: CrashDatabase): Promise<string[]> {
  const problems: string[] = [];
  let opened: Db | undefined;
  try {
    opened = database.open();
    if (database.dialect === "sqlite") problems.push(...(await sqliteChecks(opened.db)));
    else problems.push(...(await postgresChecks(opened.db)));
    problems.push(...(await auditHeadCheck(opened.db)));
  } catch (error) {
    // A database too damaged to open or answer is a failed check, not a crash of the harness.
    problems.push(`the checks could not run: ${(error as Error).message}`);
  } finally {
    await opened?.close();
  }
  return problems;
}

async function sqliteChecks(db: Db["db"]): Promise<string[]> {
  const problems: string[] = [];
  const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  const verdict = integrity.rows.map((row) => row.integrity_check);
  if (verdict.join() !== "ok") problems.push(`integrity_check: ${verdict.join("; ")}`);
  const foreign = await sql<{ table: string }>`pragma foreign_key_check`.execute(db);
  for (const row of foreign.rows) problems.push(`foreign_key_check: a row of ${row.table}`);
  return problems;
}

async function postgresChecks(db: Db["db"]): Promise<string[]> {
  const problems: string[] = [];
  await sql`create extension if not exists amcheck`.execute(db);
  const indexes = await sql<{ name: string }>`
    select c.relname as name from pg_index i
    join pg_class c on c.oid = i.indexrelid
    join pg_am a on a.oid = c.relam
    join pg_namespace n on n.oid = c.relnamespace
    where a.amname = 'btree' and n.nspname = 'public'`.execute(db);
  for (const { name } of indexes.rows) {
    try {
      await sql`select bt_index_check(${name}::regclass, true)`.execute(db);
    } catch (error) {
      problems.push(`amcheck index ${name}: ${(error as Error).message}`);
    }
  }
  const tables = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = 'public'`.execute(db);
  for (const { name } of tables.rows) {
    const corrupt = await sql<{ msg: string }>`
      select msg from verify_heapam(${name}::regclass)`.execute(db);
    for (const row of corrupt.rows) problems.push(`amcheck heap ${name}: ${row.msg}`);
  }
  return problems;
}

/** The head row the writers lock must name the newest row of the log. */
async function auditHeadCheck(db: Db["db"]): Promise<string[]> {
  const head = await db
    .selectFrom("audit_head")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  const last = await db
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const lastSeq = last ? Number(last.seq) : 0;
  if (Number(head.seq) === lastSeq && (!last || head.hash === last.hash)) return [];
  return [`the audit head names seq ${head.seq}, the newest audit row is seq ${lastSeq}`];
}
