/**
 * Fresh databases for the save benchmark, opened, migrated and seeded the way the
 * server does it in production (composeFromEnvironment): a SQLite file (WAL) in a
 * temporary directory, or a new PostgreSQL database on the local server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CITY } from "../src/core";
import { demoFiles } from "../src/platform/package-files";
import { TEST_COST } from "../src/server/auth/passwords";
import { elementsOfDepartment } from "../src/server/auth/policy";
import { composeFromEnvironment, type Environment } from "../src/server/compose";
import type { Dialect } from "../src/server/db/connect";
import { demoAccounts, seedDemoIfEmpty } from "../src/server/seed/seed-demo";
import { adminQuery, createScratchPostgres } from "../test/support/scratch-postgres";

/** The demo accounts' password in the benchmark (as in the tests). */
export const BENCH_PASSWORD = "Test-Pass-2025!";
export const BENCH_YEAR = 2025;

/** A figure a department account may write, with the version stored now (0: none yet). */
export interface WritableKey {
  element: string;
  region: string;
  version: number;
  /** The element's bounds in the framework (a save outside them is refused). */
  min?: number;
  max?: number;
}

export interface BenchAccount {
  username: string;
  /** Every (element, region) this account's department may write. */
  keys: WritableKey[];
}

export interface BenchDatabase {
  dialect: Dialect;
  /** What the server process is given: DATABASE_URL or KAOPING_DATA_DIR. */
  env: Environment;
  /** The 2025 cycle's id (the bare route writes into it). */
  cycleId: string;
  /** Department accounts that may write at least one figure. */
  accounts: BenchAccount[];
  /** All department accounts (clerk and head of every department). */
  departmentAccounts: number;
  drop(): Promise<void>;
}

/** A fresh, migrated database seeded with the demo city and its accounts. */
export async function createBenchDatabase(dialect: Dialect): Promise<BenchDatabase> {
  let env: Environment;
  let drop: () => Promise<void>;
  const dataDir = mkdtempSync(join(tmpdir(), "kaoping-save-bench-"));
  if (dialect === "sqlite") {
    env = { KAOPING_DATA_DIR: dataDir };
    drop = async () => rmSync(dataDir, { recursive: true, force: true });
  } else {
    const scratch = await createScratchPostgres("kaoping_bench");
    env = { DATABASE_URL: scratch.url, KAOPING_DATA_DIR: dataDir };
    drop = async () => {
      await scratch.drop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }

  const { db, deps } = await composeFromEnvironment(env, { argon2: TEST_COST }).catch(
    async (error: unknown) => {
      await drop();
      throw error;
    },
  );
  let accounts: BenchAccount[];
  let departmentAccounts = 0;
  let cycleId: string;
  try {
    await seedDemoIfEmpty(deps, demoFiles(), BENCH_PASSWORD);
    const cycle = await deps.repos.cycles.byYear(BENCH_YEAR);
    if (!cycle) throw new Error(`the demo has no ${BENCH_YEAR} cycle`);
    const framework = await deps.pinned.framework(deps.repos, cycle.framework_id);
    const regions = [...(await deps.repos.cycles.regions(cycle.id)).map((r) => r.code), CITY];
    const versions = new Map<string, number>();
    for (const row of await deps.repos.values.forCycle(cycle.id)) {
      versions.set(`${row.element_code}/${row.region_code}`, row.version);
    }
    cycleId = cycle.id;
    accounts = [];
    for (const account of demoAccounts(framework.doc.departments)) {
      if (!account.department) continue;
      departmentAccounts++;
      const elements = [...elementsOfDepartment(framework, account.department)].sort();
      const keys = elements.flatMap((element) =>
        regions.map((region) => ({
          element,
          region,
          version: versions.get(`${element}/${region}`) ?? 0,
          min: framework.elements.get(element)?.min,
          max: framework.elements.get(element)?.max,
        })),
      );
      if (keys.length > 0) accounts.push({ username: account.username, keys });
    }
  } catch (error) {
    await db.close();
    await drop();
    throw error;
  }
  // The server process opens its own connections; this one must not hold the file or a slot.
  await db.close();
  return { dialect, env, cycleId, accounts, departmentAccounts, drop };
}

/** How many connections are open to a benchmark's PostgreSQL database now. */
export async function connectionsTo(database: BenchDatabase): Promise<number> {
  const name = new URL(database.env.DATABASE_URL ?? "").pathname.slice(1);
  const rows = await adminQuery<{ count: string }>(
    "select count(*) from pg_stat_activity where datname = $1",
    [name],
  );
  return Number(rows[0]?.count ?? 0);
}
