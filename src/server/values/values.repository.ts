import type { Executor } from "../db/executor";
import type { DataValuesTable } from "../db/schema";

export type ValueRow = DataValuesTable;

const toValue = (row: DataValuesTable): ValueRow => ({
  ...row,
  value: Number(row.value),
  version: Number(row.version),
});

export interface StoredValue {
  value: number;
  note: string | null;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

/** All SQL for data values and their history. */
export function valuesRepository(db: Executor) {
  return {
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

    history: (cycleId: string, element: string, region: string) =>
      db
        .selectFrom("data_value_history")
        .selectAll()
        .where("cycle_id", "=", cycleId)
        .where("element_code", "=", element)
        .where("region_code", "=", region)
        .orderBy("id")
        .execute(),

    /** The stored rows of these figures (one query; a few neighbours may come along). */
    forKeys: async (keys: { cycle_id: string; element_code: string; region_code: string }[]) => {
      if (keys.length === 0) return [];
      const wanted = new Set(
        keys.map((key) => `${key.cycle_id}\u0000${key.element_code}\u0000${key.region_code}`),
      );
      const rows = await db
        .selectFrom("data_values")
        .selectAll()
        .where("cycle_id", "in", [...new Set(keys.map((key) => key.cycle_id))])
        .where("element_code", "in", [...new Set(keys.map((key) => key.element_code))])
        .execute();
      return rows
        .filter((row) =>
          wanted.has(`${row.cycle_id}\u0000${row.element_code}\u0000${row.region_code}`),
        )
        .map(toValue);
    },

    /** Writes these figures as given (insert or replace), 200 rows per statement. */
    upsertMany: async (rows: ValueRow[]) => {
      for (let i = 0; i < rows.length; i += 200) {
        await db
          .insertInto("data_values")
          .values(rows.slice(i, i + 200))
          .onConflict((oc) =>
            oc.columns(["cycle_id", "element_code", "region_code"]).doUpdateSet((eb) => ({
              value: eb.ref("excluded.value"),
              note: eb.ref("excluded.note"),
              version: eb.ref("excluded.version"),
              updated_by: eb.ref("excluded.updated_by"),
              updated_at: eb.ref("excluded.updated_at"),
            })),
          )
          .execute();
      }
    },

    /** One history row per accepted save, 200 rows per statement. */
    addHistoryMany: async (rows: ValueRow[]) => {
      for (let i = 0; i < rows.length; i += 200) {
        await db
          .insertInto("data_value_history")
          .values(
            rows.slice(i, i + 200).map((row) => ({
              cycle_id: row.cycle_id,
              element_code: row.element_code,
              region_code: row.region_code,
              value: row.value,
              note: row.note,
              version: row.version,
              changed_by: row.updated_by,
              changed_at: row.updated_at,
            })),
          )
          .execute();
      }
    },

    /** Removes one figure (it is no longer entered); true when there was one to remove. */
    remove: async (cycleId: string, element: string, region: string): Promise<boolean> => {
      const result = await db
        .deleteFrom("data_values")
        .where("cycle_id", "=", cycleId)
        .where("element_code", "=", element)
        .where("region_code", "=", region)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    /** The history row of a cleared figure: its value is null. */
    addClearedHistory: (row: {
      cycle_id: string;
      element_code: string;
      region_code: string;
      version: number;
      changed_by: string;
      changed_at: string;
    }) =>
      db
        .insertInto("data_value_history")
        .values({ ...row, value: null, note: null })
        .execute(),

    /**
     * The highest version each of these figures ever had, from the history (one query);
     * figures without history are left out. A figure entered again after it was cleared
     * goes on from there, so a version number is never given twice.
     */
    lastVersions: async (
      keys: { cycle_id: string; element_code: string; region_code: string }[],
    ): Promise<Map<string, number>> => {
      const last = new Map<string, number>();
      if (keys.length === 0) return last;
      const keyOf = (key: { cycle_id: string; element_code: string; region_code: string }) =>
        `${key.cycle_id}\u0000${key.element_code}\u0000${key.region_code}`;
      const wanted = new Set(keys.map(keyOf));
      const rows = await db
        .selectFrom("data_value_history")
        .select(["cycle_id", "element_code", "region_code"])
        .select((eb) => eb.fn.max("version").as("version"))
        .where("cycle_id", "in", [...new Set(keys.map((key) => key.cycle_id))])
        .where("element_code", "in", [...new Set(keys.map((key) => key.element_code))])
        .where("region_code", "in", [...new Set(keys.map((key) => key.region_code))])
        .groupBy(["cycle_id", "element_code", "region_code"])
        .execute();
      for (const row of rows) {
        if (wanted.has(keyOf(row))) last.set(keyOf(row), Number(row.version));
      }
      return last;
    },

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
}

export type ValuesRepository = ReturnType<typeof valuesRepository>;
