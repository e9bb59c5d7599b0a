import { auditRepository } from "./audit/audit.repository";
import { commentsRepository } from "./comments/comments.repository";
import { departmentsRepository } from "./departments/departments.repository";
import { sessionsRepository } from "./auth/sessions.repository";
import { cyclesRepository } from "./cycles/cycles.repository";
import type { Db, Dialect } from "./db/connect";
import { sql } from "kysely";
import type { Executor } from "./db/executor";
import { evidenceRepository } from "./evidence/evidence.repository";
import { frameworksRepository } from "./frameworks/frameworks.repository";
import { usersRepository } from "./users/users.repository";
import { valuesRepository } from "./values/values.repository";
import { workRepository } from "./work/work.repository";
import { workflowRepository } from "./workflow/workflow.repository";
import { notificationsRepository } from "./notifications/notifications.repository";
import { documentsRepository } from "./documents/documents.repository";

/** Every repository, bound to one connection or one transaction. */
export interface Repositories {
  audit: ReturnType<typeof auditRepository>;
  sessions: ReturnType<typeof sessionsRepository>;
  cycles: ReturnType<typeof cyclesRepository>;
  comments: ReturnType<typeof commentsRepository>;
  departments: ReturnType<typeof departmentsRepository>;
  evidence: ReturnType<typeof evidenceRepository>;
  frameworks: ReturnType<typeof frameworksRepository>;
  users: ReturnType<typeof usersRepository>;
  values: ReturnType<typeof valuesRepository>;
  work: ReturnType<typeof workRepository>;
  workflow: ReturnType<typeof workflowRepository>;
  notifications: ReturnType<typeof notificationsRepository>;
  documents: ReturnType<typeof documentsRepository>;
  dialect: Dialect;
  /** Runs `work` in one transaction (or in the current one, when already inside). */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /**
   * Runs `work` on one consistent snapshot of the database (PostgreSQL: a repeatable-read
   * transaction; SQLite: one transaction), for reads that must agree with each other.
   */
  snapshot<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

function bind(
  executor: Executor,
  dialect: Dialect,
  auditKey: Buffer,
  inTransaction: boolean,
): Repositories {
  const repos: Repositories = {
    audit: auditRepository(executor, dialect, auditKey),
    sessions: sessionsRepository(executor),
    cycles: cyclesRepository(executor),
    comments: commentsRepository(executor),
    departments: departmentsRepository(executor),
    evidence: evidenceRepository(executor),
    frameworks: frameworksRepository(executor),
    users: usersRepository(executor),
    values: valuesRepository(executor),
    work: workRepository(executor),
    workflow: workflowRepository(executor),
    notifications: notificationsRepository(executor),
    documents: documentsRepository(executor),
    dialect,
    transaction: (work) =>
      inTransaction
        ? work(repos)
        : (executor as Db["db"]).transaction().execute(async (trx) => {
            const bound = bind(trx, dialect, auditKey, true);
            const result = await work(bound);
            // Audit rows appended during the transaction are written just before commit.
            await bound.audit.flush();
            return result;
          }),
    snapshot: (work) => {
      if (inTransaction) return work(repos);
      const db = executor as Db["db"];
      if (dialect === "postgres") {
        return db
          .transaction()
          .setIsolationLevel("repeatable read")
          .execute((trx) => work(bind(trx, dialect, auditKey, true)));
      }
      // SQLite (WAL): a deferred transaction reads one snapshot and never blocks writers
      // in other processes — unlike the immediate ones writes use (see db/connect.ts).
      return db.connection().execute(async (connection) => {
        await sql`begin deferred`.execute(connection);
        try {
          return await work(bind(connection, dialect, auditKey, true));
        } finally {
          await sql`commit`.execute(connection);
        }
      });
    },
  };
  return repos;
}

/** The repositories on a connection; `auditKey` keys the audit chain's HMAC (see audit-chain.ts). */
export function createRepositories(db: Db, auditKey: Buffer): Repositories {
  return bind(db.db, db.dialect, auditKey, false);
}
