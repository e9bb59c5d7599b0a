import { sql, type Kysely } from "kysely";
import * as initial from "./migrations/0001-initial";
import * as accounts from "./migrations/0002-accounts";
import * as passwordChange from "./migrations/0003-password-change";
import * as workflow from "./migrations/0004-workflow";
import * as documents from "./migrations/0005-documents";
import type { Dialect } from "./connect";

/** Migrations in order. Each runs once, inside a transaction, recorded in kaoping_migrations. */
const MIGRATIONS: { name: string; up: (db: Kysely<unknown>, dialect: Dialect) => Promise<void> }[] =
  [
    { name: "0001-initial", up: initial.up },
    { name: "0002-accounts", up: accounts.up },
    { name: "0003-password-change", up: passwordChange.up },
    { name: "0004-workflow", up: workflow.up },
    { name: "0005-documents", up: documents.up },
  ];

/** Brings the schema up to date. Safe to call at every start. */
export async function migrate(db: Kysely<unknown>, dialect: Dialect): Promise<string[]> {
  await sql`create table if not exists kaoping_migrations (name text primary key, applied_at text not null)`.execute(
    db,
  );
  const applied = new Set(
    (await sql<{ name: string }>`select name from kaoping_migrations`.execute(db)).rows.map(
      (row) => row.name,
    ),
  );
  const ran: string[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.name)) continue;
    await db.transaction().execute(async (trx) => {
      await migration.up(trx, dialect);
      await sql`insert into kaoping_migrations (name, applied_at) values (${migration.name}, ${new Date().toISOString()})`.execute(
        trx,
      );
    });
    ran.push(migration.name);
  }
  return ran;
}
