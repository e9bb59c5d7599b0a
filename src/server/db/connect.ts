import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";

export type Dialect = "sqlite" | "postgres";

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every SQLite statement afresh; the same few statements run on every
 * request, so keep the prepared ones (a bounded map, oldest dropped first). Safe on
 * one connection: better-sqlite3 runs one statement at a time.
 *
 * Kysely opens every transaction with a plain (deferred) `begin`, which reads first and
 * asks for the write lock only at its first write: when another process (a `kaoping`
 * command) committed in between, SQLite refuses that upgrade at once with SQLITE_BUSY
 * instead of waiting. Transactions here are for writing, so they start `begin
 * immediate` and wait their turn (busy_timeout). Read-only snapshots open their own
 * deferred transaction (Repositories.snapshot).
 */
function withStatementCache(database: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = database.prepare(sql === "begin" ? "begin immediate" : sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Opens the embedded SQLite file (WAL, foreign keys on) or `:memory:`. */
export function openSqlite(file: string): Db {
  if (file !== ":memory:") {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Created (or kept) readable by the server's user only; SQLite gives its -wal and
    // -shm files the same permissions as the database file.
    closeSync(openSync(file, "a", 0o600));
    chmodSync(file, 0o600);
  }
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  // FULL, not NORMAL: in WAL mode NORMAL syncs the WAL only at checkpoints, and SQLite
  // documents that a transaction committed that way "might roll back following a power
  // loss or system crash" (it stays consistent, but the last commits can vanish). A
  // clerk told "saved" must find the figure after a power cut, so every commit syncs the
  // WAL. A killed process cannot show the difference (the OS still holds its writes);
  // only power loss or a kernel crash can. With group commit the sync is paid once per
  // batch of saves; bench/save-durability.ts measures what it costs.
  database.pragma("synchronous = FULL");
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
  });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

/** Connects to PostgreSQL with a pool. pg returns bigint/count as strings: repositories convert. */
export function openPostgres(connectionString: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle connection the server closes (restart, failover, a dropped test database)
  // must not crash the process: the pool discards it and the next query reconnects.
  pool.on("error", () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

/** PostgreSQL when DATABASE_URL is set, otherwise the SQLite file under the data directory. */
export function openDatabase(options: { databaseUrl?: string; sqliteFile: string }): Db {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openSqlite(options.sqliteFile);
}
