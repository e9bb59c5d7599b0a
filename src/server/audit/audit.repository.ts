import type { Dialect } from "../db/connect";
import { sql, type ExpressionBuilder, type Insertable } from "kysely";
import type { Executor } from "../db/executor";
import type { AuditLogTable, Database } from "../db/schema";
import { chainHash, storableEntry, type AuditEntry, type AuditRow } from "./audit-chain";

const BATCH = 1000;

/** What a reader of the log narrows it to; every field is optional. */
export interface AuditLogFilter {
  actor?: string;
  action?: string;
  /** The object id contains this text, whatever its case. */
  objectContains?: string;
  /** ISO 8601 instants: at >= from, at < before. */
  from?: string;
  before?: string;
}

/** LIKE's own characters taken literally (the escape character is a backslash). */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

function filtered(eb: ExpressionBuilder<Database, "audit_log">, filter: AuditLogFilter) {
  const conditions = [];
  if (filter.actor !== undefined) conditions.push(eb("actor", "=", filter.actor));
  if (filter.action !== undefined) conditions.push(eb("action", "=", filter.action));
  if (filter.objectContains !== undefined) {
    const pattern = `%${likeLiteral(filter.objectContains.toLowerCase())}%`;
    conditions.push(eb(sql`lower(object_id)`, "like", sql`${pattern} escape '\\'`));
  }
  if (filter.from !== undefined) conditions.push(eb("at", ">=", filter.from));
  if (filter.before !== undefined) conditions.push(eb("at", "<", filter.before));
  return eb.and(conditions);
}

/**
 * All SQL for the audit log. `lock` and `append` must run inside a transaction: the
 * repository bound to that transaction remembers the head it locked, so a batch of
 * appends reads it once.
 */
export function auditRepository(db: Executor, dialect: Dialect, key: Buffer) {
  let lockedHead: { seq: number; hash: string } | undefined;
  /** Rows appended in this transaction and not yet written (see `flush`). */
  let pending: Insertable<AuditLogTable>[] = [];

  /**
   * Reads the chain head under a lock (PostgreSQL `FOR UPDATE`; SQLite transactions
   * are already serialized), so concurrent writers queue here and the chain never forks.
   */
  async function lock(): Promise<{ seq: number; hash: string }> {
    if (lockedHead) return lockedHead;
    let query = db.selectFrom("audit_head").select(["seq", "hash"]).where("id", "=", 1);
    if (dialect === "postgres") query = query.forUpdate();
    const head = await query.executeTakeFirstOrThrow();
    lockedHead = { seq: Number(head.seq), hash: head.hash };
    return lockedHead;
  }

  return {
    lock,

    /**
     * Appends one row to the chain, hashed over the previous row's hash. The row is
     * written by `flush`, which the transaction runs before it commits — so a batch of
     * writes stores its audit rows in one statement and moves the head once.
     */
    async append(given: AuditEntry): Promise<number> {
      const head = await lock();
      const seq = head.seq + 1;
      // Hash exactly what will be stored.
      const entry = storableEntry(given);
      const hash = chainHash(key, head.hash, seq, entry);
      pending.push({
        seq,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        object_type: entry.objectType,
        object_id: entry.objectId,
        before: entry.before,
        after: entry.after,
        prev_hash: head.hash,
        hash,
      });
      lockedHead = { seq, hash };
      return seq;
    },

    /** Writes the appended rows and the new head; called by the transaction before commit. */
    async flush(): Promise<void> {
      if (pending.length === 0) return;
      const rows = pending;
      pending = [];
      for (let i = 0; i < rows.length; i += 200) {
        await db
          .insertInto("audit_log")
          .values(rows.slice(i, i + 200))
          .execute();
      }
      await db
        .updateTable("audit_head")
        .set({ seq: lockedHead!.seq, hash: lockedHead!.hash })
        .where("id", "=", 1)
        .execute();
    },

    async head(): Promise<{ seq: number; hash: string }> {
      const head = await db
        .selectFrom("audit_head")
        .select(["seq", "hash"])
        .where("id", "=", 1)
        .executeTakeFirstOrThrow();
      return { seq: Number(head.seq), hash: head.hash };
    },

    /**
     * The chain's link for one recorded step: the first row of that action on that object
     * at or after the step's instant (the step writes it in its own transaction, a moment
     * later by the clock); its sequence number and hash are the chain's head right after the
     * step, which printed documents quote.
     */
    async linkOf(
      action: string,
      objectId: string,
      at: string,
    ): Promise<{ seq: number; hash: string } | undefined> {
      const row = await db
        .selectFrom("audit_log")
        .select(["seq", "hash"])
        .where("action", "=", action)
        .where("object_id", "=", objectId)
        .where("at", ">=", at)
        .orderBy("seq", "asc")
        .executeTakeFirst();
      return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
    },

    /** One page of the rows that pass the filter, newest first. */
    page: (filter: AuditLogFilter, offset: number, limit: number) =>
      db
        .selectFrom("audit_log")
        .select(["seq", "at", "actor", "action", "object_type", "object_id", "before", "after"])
        .where((eb) => filtered(eb, filter))
        .orderBy("seq", "desc")
        .offset(offset)
        .limit(limit)
        .execute(),

    /** How many rows pass the filter. */
    count: async (filter: AuditLogFilter) =>
      Number(
        (
          await db
            .selectFrom("audit_log")
            .select((eb) => eb.fn.countAll().as("n"))
            .where((eb) => filtered(eb, filter))
            .executeTakeFirstOrThrow()
        ).n,
      ),

    /** Every action name the log holds, sorted. */
    actions: async () =>
      (
        await db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute()
      ).map((row) => row.action),

    /** Every row in stored order (by seq), read in batches so a long log does not sit in memory twice. */
    async *rows(): AsyncGenerator<AuditRow> {
      // Start below any seq, so rows slipped in with a seq of 0 or less are still seen.
      let after = -2_147_483_648; // the smallest 32-bit integer, the column type on PostgreSQL
      for (;;) {
        const batch = await db
          .selectFrom("audit_log")
          .selectAll()
          .where("seq", ">", after)
          .orderBy("seq")
          .limit(BATCH)
          .execute();
        for (const row of batch) {
          yield {
            seq: Number(row.seq),
            at: row.at,
            actor: row.actor,
            action: row.action,
            objectType: row.object_type,
            objectId: row.object_id,
            before: row.before,
            after: row.after,
            prevHash: row.prev_hash,
            hash: row.hash,
          };
        }
        if (batch.length < BATCH) return;
        after = Number(batch[batch.length - 1]!.seq);
      }
    },
  };
}

export type AuditRepository = ReturnType<typeof auditRepository>;
