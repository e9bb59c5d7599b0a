import { auditRepository } from "./audit/audit.repository";
import { sessionsRepository } from "./auth/sessions.repository";
import { cyclesRepository } from "./cycles/cycles.repository";
import type { Db, Dialect } from "./db/connect";
import type { Executor } from "./db/executor";
import { evidenceRepository } from "./evidence/evidence.repository";
import { frameworksRepository } from "./frameworks/frameworks.repository";
import { usersRepository } from "./users/users.repository";
import { valuesRepository } from "./values/values.repository";
import { workRepository } from "./work/work.repository";

/** Every repository, bound to one connection or one transaction. */
export interface Repositories {
  audit: ReturnType<typeof auditRepository>;
  sessions: ReturnType<typeof sessionsRepository>;
  cycles: ReturnType<typeof cyclesRepository>;
  evidence: ReturnType<typeof evidenceRepository>;
  frameworks: ReturnType<typeof frameworksRepository>;
  users: ReturnType<typeof usersRepository>;
  values: ReturnType<typeof valuesRepository>;
  work: ReturnType<typeof workRepository>;
  dialect: Dialect;
  /** Runs `work` in one transaction (or in the current one, when already inside). */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

function bind(executor: Executor, dialect: Dialect, inTransaction: boolean): Repositories {
  const repos: Repositories = {
    audit: auditRepository(executor, dialect),
    sessions: sessionsRepository(executor),
    cycles: cyclesRepository(executor),
    evidence: evidenceRepository(executor),
    frameworks: frameworksRepository(executor),
    users: usersRepository(executor),
    values: valuesRepository(executor),
    work: workRepository(executor),
    dialect,
    transaction: (work) =>
      inTransaction
        ? work(repos)
        : (executor as Db["db"]).transaction().execute(async (trx) => {
            const bound = bind(trx, dialect, true);
            const result = await work(bound);
            // Audit rows appended during the transaction are written just before commit.
            await bound.audit.flush();
            return result;
          }),
  };
  return repos;
}

export function createRepositories(db: Db): Repositories {
  return bind(db.db, db.dialect, false);
}
