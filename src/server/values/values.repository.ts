import { sql, type Insertable } from "kysely";
import type { Dialect } from "../db/connect";
import type { Executor } from "../db/executor";
import type { DataValueHistoryTable, DataValuesTable } from "../db/schema";

export type ValueRow = DataValuesTable;

const toValue = (row: DataValuesTable): ValueRow => ({
  ...row,
  value: Number(row.value),
  version: Number(row.version),
});

export interface SaveOutcome {
  written: boolean;
  /** The stored value before the write (or the current one, when not written). */
  before?: StoredValue;
}

export interface StoredValue {
  value: number;
  note: string | null;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

/** All SQL for data values and their history. */
export function valuesRepository(db: Executor, dialect: Dialect) {
  const repository = {
    forCycle: async (cycleId: string) =>
      (
        await db.selectFrom("data_values").selectAll().where("cycle_id", "=", cycleId).execute()
      ).map(toValue),

    forElements: async (cycleId: string, elements: string[]) =>
      elements.length === 0
        ? []
        : (
            await db
              .selectFrom("data_values")
              .selectAll()
              .where("cycle_id", "=", cycleId)
              .where("element_code", "in", elements)
              .execute()
          ).map(toValue),

    one: async (cycleId: string, element: string, region: string) => {
      const row = await db
        .selectFrom("data_values")
        .selectAll()
        .where("cycle_id", "=", cycleId)
        .where("element_code", "=", element)
        .where("region_code", "=", region)
        .executeTakeFirst();
      return row ? toValue(row) : undefined;
    },

    /** Inserts a first value; false when another writer got there first. */
    insert: async (row: ValueRow): Promise<boolean> => {
      const result = await db
        .insertInto("data_values")
        .values(row)
        .onConflict((oc) => oc.columns(["cycle_id", "element_code", "region_code"]).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** Updates a value only if it still has `expectedVersion`; false when it does not. */
    update: async (row: ValueRow, expectedVersion: number): Promise<boolean> => {
      const result = await db
        .updateTable("data_values")
        .set({
          value: row.value,
          note: row.note,
          version: row.version,
          updated_by: row.updated_by,
          updated_at: row.updated_at,
        })
        .where("cycle_id", "=", row.cycle_id)
        .where("element_code", "=", row.element_code)
        .where("region_code", "=", row.region_code)
        .where("version", "=", expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Removes a value only if it still has `expectedVersion`. */
    remove: async (
      cycleId: string,
      element: string,
      region: string,
      expectedVersion: number,
    ): Promise<boolean> => {
      const result = await db
        .deleteFrom("data_values")
        .where("cycle_id", "=", cycleId)
        .where("element_code", "=", element)
        .where("region_code", "=", region)
        .where("version", "=", expectedVersion)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    addHistory: (entry: Insertable<DataValueHistoryTable>) =>
      db.insertInto("data_value_history").values(entry).execute(),

    history: (cycleId: string, element: string, region: string) =>
      db
        .selectFrom("data_value_history")
        .selectAll()
        .where("cycle_id", "=", cycleId)
        .where("element_code", "=", element)
        .where("region_code", "=", region)
        .orderBy("id")
        .execute(),

    /** Bulk load for seeding and imports: 500 rows per statement. */
    insertMany: async (rows: ValueRow[]) => {
      for (let i = 0; i < rows.length; i += 500) {
        await db
          .insertInto("data_values")
          .values(rows.slice(i, i + 500))
          .execute();
      }
    },
  };

  /**
   * Writes a figure only if it still has `expectedVersion` (0: not entered yet), and
   * records it in the history. PostgreSQL does it in one statement (one round trip
   * inside the write lock); SQLite, in-process, in three.
   */
  async function saveIfVersion(row: ValueRow, expectedVersion: number): Promise<SaveOutcome> {
    if (dialect === "postgres") {
      const result = await sql<{
        written: number;
        value: number | null;
        note: string | null;
        version: number | null;
        updated_by: string;
        updated_at: string;
      }>`
        with old as (
          select value, note, version, updated_by, updated_at from data_values
          where cycle_id = ${row.cycle_id} and element_code = ${row.element_code} and region_code = ${row.region_code}
          for update
        ), upd as (
          update data_values
          set value = ${row.value}, note = ${row.note}, version = ${row.version}, updated_by = ${row.updated_by}, updated_at = ${row.updated_at}
          where cycle_id = ${row.cycle_id} and element_code = ${row.element_code} and region_code = ${row.region_code}
            and version = ${expectedVersion}
          returning version
        ), ins as (
          insert into data_values (cycle_id, element_code, region_code, value, note, version, updated_by, updated_at)
          select ${row.cycle_id}, ${row.element_code}, ${row.region_code}, ${row.value}::double precision, ${row.note}, ${row.version}::integer, ${row.updated_by}, ${row.updated_at}
          where ${expectedVersion}::integer = 0 and not exists (select 1 from old)
          on conflict do nothing
          returning version
        ), hist as (
          insert into data_value_history (cycle_id, element_code, region_code, value, note, version, changed_by, changed_at)
          select ${row.cycle_id}, ${row.element_code}, ${row.region_code}, ${row.value}::double precision, ${row.note}, ${row.version}::integer, ${row.updated_by}, ${row.updated_at}
          where exists (select 1 from upd) or exists (select 1 from ins)
        )
        select ((select count(*) from upd) + (select count(*) from ins))::integer as written,
               old.value, old.note, old.version, old.updated_by, old.updated_at
        from (select 1) as one left join old on true`.execute(db);
      const out = result.rows[0]!;
      return {
        written: Number(out.written) === 1,
        ...(out.version === null
          ? {}
          : {
              before: {
                value: Number(out.value),
                note: out.note,
                version: Number(out.version),
                updatedBy: out.updated_by,
                updatedAt: out.updated_at,
              },
            }),
      };
    }
    const before = await repository.one(row.cycle_id, row.element_code, row.region_code);
    const outcome = (written: boolean): SaveOutcome => ({
      written,
      ...(before
        ? {
            before: {
              value: before.value,
              note: before.note,
              version: before.version,
              updatedBy: before.updated_by,
              updatedAt: before.updated_at,
            },
          }
        : {}),
    });
    if ((before?.version ?? 0) !== expectedVersion) return outcome(false);
    const written = before
      ? await repository.update(row, expectedVersion)
      : await repository.insert(row);
    if (!written) return outcome(false);
    await repository.addHistory({
      cycle_id: row.cycle_id,
      element_code: row.element_code,
      region_code: row.region_code,
      value: row.value,
      note: row.note,
      version: row.version,
      changed_by: row.updated_by,
      changed_at: row.updated_at,
    });
    return outcome(true);
  }

  return { ...repository, saveIfVersion };
}

export type ValuesRepository = ReturnType<typeof valuesRepository>;
