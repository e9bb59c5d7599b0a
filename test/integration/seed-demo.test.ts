import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { demoFiles } from "../../src/platform/package-files";
import { createPasswordHasher, TEST_COST } from "../../src/server/auth/passwords";
import { manualClock, type Clock } from "../../src/server/clock";
import { createPinnedCache } from "../../src/server/cycles/pinned-cache";
import type { Db, Dialect } from "../../src/server/db/connect";
import { migrate } from "../../src/server/db/migrate";
import { createRepositories } from "../../src/server/repositories";
import { demoAccounts, seedDemoIfEmpty } from "../../src/server/seed/seed-demo";
import { DIALECTS, openTestDatabase, TEST_PASSWORD } from "../support/server-harness";

/**
 * The first start seeds the demo all or nothing: a start that dies halfway (here: the
 * clock fails at its n-th reading, anywhere in the seeding) leaves an empty database,
 * which the next start seeds in full. Killing the real server during its first start is
 * test/crash's part; this pins every point of the seeding down deterministically.
 */

const TABLES = [
  "users",
  "departments",
  "frameworks",
  "cycles",
  "cycle_regions",
  "data_values",
  "work_answers",
  "audit_log",
] as const;

/** A clock that fails at its n-th reading (1-based; 0 never), as a process dying there would stop. */
function failingClock(failAt: number): Clock & { readings: () => number } {
  const clock = manualClock();
  let readings = 0;
  return {
    now() {
      readings++;
      if (readings === failAt) throw new Error(`the clock failed at reading ${failAt}`);
      return clock.now();
    },
    readings: () => readings,
  };
}

async function withDatabase<T>(dialect: Dialect, work: (db: Db) => Promise<T>): Promise<T> {
  const { db, drop } = await openTestDatabase(dialect);
  try {
    await migrate(db.db as never, db.dialect);
    return await work(db);
  } finally {
    await drop();
  }
}

const seed = (db: Db, clock: Clock) =>
  seedDemoIfEmpty(
    {
      repos: createRepositories(db, randomBytes(32)),
      clock,
      passwords: createPasswordHasher(TEST_COST),
      pinned: createPinnedCache(),
    },
    demoFiles(),
    TEST_PASSWORD,
  );

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const result = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.table(table)}`.execute(db.db);
    counts[table] = Number(result.rows[0]!.n);
  }
  return counts;
}

describe.each(DIALECTS)("seeding the demo on %s", (dialect) => {
  it("creates every demo account with the year, and does nothing on a seeded database", async () => {
    await withDatabase(dialect, async (db) => {
      expect((await seed(db, failingClock(0))).seeded).toBe(true);
      const users = await db.db.selectFrom("users").select("username").execute();
      const departments = await db.db.selectFrom("departments").select(["code", "name"]).execute();
      expect(users.map((user) => user.username).sort()).toEqual(
        demoAccounts(departments)
          .map((account) => account.username)
          .sort(),
      );
      // The illustrative 2024 year is seeded closed, to compare with; 2025 is open.
      expect(
        await db.db.selectFrom("cycles").select(["year", "status"]).orderBy("year").execute(),
      ).toEqual([
        { year: 2024, status: "closed" },
        { year: 2025, status: "open" },
      ]);
      const cycleIds = await db.db.selectFrom("cycles").select(["id", "framework_id"]).execute();
      expect(new Set(cycleIds.map((cycle) => cycle.framework_id)).size).toBe(1);
      for (const { id } of cycleIds) {
        const figures = await db.db
          .selectFrom("data_values")
          .select("element_code")
          .where("cycle_id", "=", id)
          .execute();
        expect(figures.length).toBeGreaterThan(400);
      }
      const before = await rowCounts(db);
      expect(await seed(db, failingClock(0))).toEqual({ seeded: false, usernames: [] });
      expect(await rowCounts(db)).toEqual(before);
    });
  });

  it("leaves nothing behind when the seeding stops at any point, and seeds in full next time", async () => {
    // How often a whole seed reads the clock (the points it can stop at), and what it writes.
    const { readings, full } = await withDatabase(dialect, async (db) => {
      const counting = failingClock(0);
      await seed(db, counting);
      return { readings: counting.readings(), full: await rowCounts(db) };
    });
    expect(readings).toBeGreaterThan(30);
    expect(full.users).toBe(30);

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: readings }), (failAt) =>
        withDatabase(dialect, async (db) => {
          await expect(seed(db, failingClock(failAt))).rejects.toThrow(`reading ${failAt}`);
          expect(await rowCounts(db)).toEqual(
            Object.fromEntries(TABLES.map((table) => [table, 0])),
          );
          expect((await seed(db, failingClock(0))).seeded).toBe(true);
          expect(await rowCounts(db)).toEqual(full);
        }),
      ),
      { numRuns: 4, examples: [[1], [Math.floor(readings / 2)], [readings]] },
    );
  });
});
