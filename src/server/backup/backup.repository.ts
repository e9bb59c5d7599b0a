import { sql, type Kysely } from "kysely";
import type { Db, Dialect } from "../db/connect";
import type { Executor } from "../db/executor";
import type { TableShape } from "./kaoping-schema";

/** Rows read per query while dumping a table. */
const READ_BATCH = 1000;
/** Bind parameters per insert, under both databases' limits (SQLite 32,766; PostgreSQL 65,535). */
const PARAMETERS_PER_INSERT = 30_000;
const MAX_ROWS_PER_INSERT = 1000;

/**
 * Runs `work` on one consistent snapshot: a repeatable-read transaction on PostgreSQL,
 * one read transaction on SQLite (WAL keeps it stable while the server writes).
 */
export function inSnapshot<T>(db: Db, work: (trx: Executor) => Promise<T>): Promise<T> {
  const builder = db.db.transaction();
  return (
    db.dialect === "postgres" ? builder.setIsolationLevel("repeatable read") : builder
  ).execute(work);
}

export const rowsPerInsert = (columns: number) =>
  Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(PARAMETERS_PER_INSERT / columns)));

/** All SQL for backups and restores; table and column names come from the learned schema. */
export function backupRepository(executor: Executor, dialect: Dialect) {
  // Table names are only known at run time, so the typed builder is set aside here.
  const db = executor as unknown as Kysely<Record<string, Record<string, unknown>>>;

  return {
    /** Every row of a table as arrays in column order, by primary key, a batch at a time. */
    async *rows(table: TableShape): AsyncGenerator<unknown[]> {
      const order = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
      const toArray = (row: Record<string, unknown>) => table.columns.map((column) => row[column]);
      let after: unknown[] | undefined;
      let offset = 0;
      for (;;) {
        let query = db.selectFrom(table.name).select(table.columns).limit(READ_BATCH);
        for (const column of order) query = query.orderBy(column);
        if (table.primaryKey.length === 0) {
          query = query.offset(offset);
        } else if (after) {
          // Keyset paging on the primary key (row values work on both databases).
          const key = after;
          query = query.where(
            sql<boolean>`(${sql.join(order.map((column) => sql.ref(column)))}) > (${sql.join(key)})`,
          );
        }
        const batch = await query.execute();
        for (const row of batch) yield toArray(row);
        if (batch.length < READ_BATCH) return;
        const last = batch[batch.length - 1]!;
        after = order.map((column) => last[column]);
        offset += batch.length;
      }
    },

    /** The distinct evidence files the evidence rows refer to. */
    async evidenceDigests(): Promise<string[]> {
      const rows = await executor
        .selectFrom("evidence")
        .select("sha256")
        .distinct()
        .orderBy("sha256")
        .execute();
      return rows.map((row) => row.sha256);
    },

    /** The tables that exist, from the database's catalogue (the current schema on PostgreSQL). */
    async existingTables(): Promise<Set<string>> {
      const result =
        dialect === "postgres"
          ? await sql<{
              name: string;
            }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
              executor,
            )
          : await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
              executor,
            );
      return new Set(result.rows.map((row) => row.name));
    },

    /** Up to `limit` rows of a table, as arrays in column order. */
    async firstRows(table: TableShape, limit: number): Promise<unknown[][]> {
      const rows = await db.selectFrom(table.name).select(table.columns).limit(limit).execute();
      return rows.map((row) => table.columns.map((column) => row[column]));
    },

    async count(table: string): Promise<number> {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async deleteAll(table: string): Promise<void> {
      await db.deleteFrom(table).execute();
    },

    async insert(table: TableShape, rows: unknown[][]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto(table.name)
        .values(
          rows.map((row) =>
            Object.fromEntries(table.columns.map((column, index) => [column, row[index]])),
          ),
        )
        .execute();
    },

    /**
     * PostgreSQL serial and identity columns draw from sequences that rows inserted with
     * their own ids do not advance: move each past the highest id now in its table.
     * (SQLite's AUTOINCREMENT follows the largest rowid inserted by itself.)
     */
    async resetSequences(tables: readonly string[]): Promise<void> {
      if (dialect !== "postgres") return;
      const wanted = new Set(tables);
      const serials = await sql<{
        table_name: string;
        column_name: string;
        sequence: string | null;
      }>`select table_name, column_name,
           pg_get_serial_sequence(format('%I', table_name), column_name) as sequence
         from information_schema.columns where table_schema = current_schema()`.execute(executor);
      for (const serial of serials.rows) {
        if (!serial.sequence || !wanted.has(serial.table_name)) continue;
        const column = sql.ref(serial.column_name);
        await sql`select setval(${serial.sequence}::regclass,
            (select coalesce(max(${column}), 0) + 1 from ${sql.table(serial.table_name)}), false)`.execute(
          executor,
        );
      }
    },

    /** Removes tables a failed restore created (children first). */
    async dropTables(tables: readonly string[]): Promise<void> {
      for (const table of tables) {
        await sql`drop table if exists ${sql.table(table)}`.execute(executor);
      }
    },
  };
}

export type BackupRepository = ReturnType<typeof backupRepository>;
