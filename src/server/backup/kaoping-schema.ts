import { sql } from "kysely";
import { openSqlite } from "../db/connect";
import { migrate } from "../db/migrate";

/** The table migrate.ts keeps its own record in. */
export const MIGRATIONS_TABLE = "kaoping_migrations";

export interface TableShape {
  name: string;
  /** In the order the table declares them. */
  columns: string[];
  /** Primary key columns in key order; empty when the table has none. */
  primaryKey: string[];
}

export interface KaopingSchema {
  /** Every migration this Kaoping knows, in the order they run. */
  migrations: string[];
  /** Every table the migrations create, parents before the tables that refer to them. */
  tables: TableShape[];
  /** The rows a fresh migration writes (e.g. the audit head at zero), per table, as arrays. */
  baseline: Map<string, unknown[][]>;
}

/** Orders tables so that each comes after the tables its foreign keys refer to. */
export function dependencyOrder(references: Map<string, Set<string>>): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  const remaining = new Set([...references.keys()].sort());
  while (remaining.size > 0) {
    const ready = [...remaining].find((table) =>
      [...references.get(table)!].every(
        (parent) => parent === table || placed.has(parent) || !references.has(parent),
      ),
    );
    if (ready === undefined) {
      throw new Error(`foreign keys form a cycle among: ${[...remaining].join(", ")}`);
    }
    ordered.push(ready);
    placed.add(ready);
    remaining.delete(ready);
  }
  return ordered;
}

/**
 * Learns Kaoping's schema by running the migrations on a fresh in-memory database and
 * reading its catalogue. Both dialects run the same migrations, so this is the list of
 * tables on either; a table a new migration adds is backed up and restored without any
 * change here.
 */
export async function learnSchema(): Promise<KaopingSchema> {
  const fresh = openSqlite(":memory:");
  try {
    const migrations = await migrate(fresh.db as never, "sqlite");
    const names = (
      await sql<{
        name: string;
      }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
        fresh.db,
      )
    ).rows.map((row) => row.name);
    const shapes = new Map<string, TableShape>();
    const references = new Map<string, Set<string>>();
    const baseline = new Map<string, unknown[][]>();
    for (const name of names) {
      const columns = (
        await sql<{
          name: string;
          pk: number;
        }>`select name, pk from pragma_table_info(${name}) order by cid`.execute(fresh.db)
      ).rows;
      const parents = (
        await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(
          fresh.db,
        )
      ).rows.map((row) => row.table);
      shapes.set(name, {
        name,
        columns: columns.map((column) => column.name),
        primaryKey: columns
          .filter((column) => column.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((column) => column.name),
      });
      references.set(name, new Set(parents));
      const rows = (
        await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(fresh.db)
      ).rows;
      baseline.set(
        name,
        rows.map((row) => columns.map((column) => row[column.name])),
      );
    }
    return {
      migrations,
      tables: dependencyOrder(references).map((name) => shapes.get(name)!),
      baseline,
    };
  } finally {
    await fresh.close();
  }
}
