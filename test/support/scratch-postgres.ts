import { randomBytes } from "node:crypto";
import pg from "pg";

/** The server tests, the crash harness and the bench create their databases through. */
export const PG_ADMIN_URL =
  process.env.KAOPING_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Runs one statement as the administrator (create or drop a database, count connections). */
export async function adminQuery<Row extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    return (await admin.query<Row>(text, values)).rows;
  } finally {
    await admin.end();
  }
}

export interface ScratchPostgres {
  name: string;
  url: string;
  /** Drops the database, closing whatever is still connected to it. */
  drop(): Promise<void>;
}

/** A new, empty PostgreSQL database named `<prefix>_<random>`, for one test file or run. */
export async function createScratchPostgres(prefix: string): Promise<ScratchPostgres> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}
