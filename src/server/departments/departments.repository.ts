import type { Executor } from "../db/executor";

/** The few reads the departments' overview needs beyond the other repositories'. */
export function departmentsRepository(db: Executor) {
  return {
    /** Every department with its name. */
    list: () => db.selectFrom("departments").selectAll().orderBy("code").execute(),

    /** Figures of a year that were cleared (history rows with no value): which, when, by whom. */
    clearedFigures: (cycleId: string) =>
      db
        .selectFrom("data_value_history")
        .select(["element_code", "changed_by", "changed_at"])
        .where("cycle_id", "=", cycleId)
        .where("value", "is", null)
        .execute(),

    /** Display names of these accounts, by username (names with no account are left out). */
    displayNames: async (usernames: string[]): Promise<Map<string, string>> => {
      if (usernames.length === 0) return new Map();
      const rows = await db
        .selectFrom("users")
        .select(["username", "display_name"])
        .where("username", "in", usernames)
        .execute();
      return new Map(rows.map((row) => [row.username, row.display_name]));
    },
  };
}

export type DepartmentsRepository = ReturnType<typeof departmentsRepository>;
