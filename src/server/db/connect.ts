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
 */
function withStatementCache(database: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
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
  database.pragma("synchronous = NORMAL");
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
