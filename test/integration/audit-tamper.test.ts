import { sql, type Kysely } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chainHash } from "../../src/server/audit/audit-chain";
import type { AuditLogTable, Database } from "../../src/server/db/schema";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

/**
 * Someone with write access to the database edits the audit log behind the server's
 * back; GET /api/audit/verify must say the chain is broken and name the first row
 * that no longer follows from its predecessor, in Chinese by default and in English
 * on request. Every case starts from the same intact log and puts it back afterwards.
 */

interface Verdict {
  intact: boolean;
  rows: number;
  headSeq?: number;
  firstBadSeq?: number;
  message: string;
}

interface TamperContext {
  db: Kysely<Database>;
  /** The intact log, in seq order. */
  rows: AuditLogTable[];
  /** The seq of the only row with this action among the writes made for these tests. */
  seqOf(action: "value.set" | "work.set" | "auth.login_failed"): number;
  /** The newest seq. */
  last: number;
}

interface TamperCase {
  name: string;
  tamper(context: TamperContext): Promise<void>;
  /** The row the verdict must name, and what its message must say in each language. */
  expected(context: TamperContext): { firstBadSeq: number; zh: string[]; en: string[] };
}

const EDITED = { zh: "记录内容与其哈希不符（记录被修改）", en: "(the row was edited)" };
const RELINKED = { zh: "前一条记录的哈希不符", en: "prev_hash does not match the previous row" };

const row = (context: TamperContext, seq: number) =>
  context.rows.find((candidate) => Number(candidate.seq) === seq)!;

/** Moves rows seq ≥ from up by one, through negative numbers so no two rows ever share a seq. */
async function shiftUp(db: Kysely<Database>, from: number) {
  await sql`update audit_log set seq = -seq - 1 where seq >= ${from}`.execute(db);
  await sql`update audit_log set seq = -seq where seq < 0`.execute(db);
}

/** A row an attacker would write: plausible content, linked to `prevHash`, hashed correctly. */
function forgedRow(seq: number, prevHash: string, at: string): AuditLogTable {
  const entry = {
    at,
    actor: "office",
    action: "value.set",
    objectType: "data_value",
    objectId: "2025/PRIMARY_ENROLLED/LM",
    before: null,
    after: '{"note":"补录","value":28322,"version":1}',
  };
  return {
    seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId,
    before: entry.before,
    after: entry.after,
    prev_hash: prevHash,
    hash: chainHash(prevHash, seq, entry),
  };
}

const insertRow = (db: Kysely<Database>, forged: AuditLogTable) =>
  sql`insert into audit_log (seq, at, actor, action, object_type, object_id, "before", "after", prev_hash, hash)
      values (${forged.seq}, ${forged.at}, ${forged.actor}, ${forged.action}, ${forged.object_type},
              ${forged.object_id}, ${forged.before}, ${forged.after}, ${forged.prev_hash}, ${forged.hash})`.execute(
    db,
  );

/** Writes `source`'s columns (all but seq, or only the content when `contentOnly`) over row `seq`. */
const overwrite = (
  db: Kysely<Database>,
  seq: number,
  source: AuditLogTable,
  contentOnly = false,
) =>
  contentOnly
    ? sql`update audit_log set at = ${source.at}, actor = ${source.actor}, action = ${source.action},
          object_type = ${source.object_type}, object_id = ${source.object_id},
          "before" = ${source.before}, "after" = ${source.after}
          where seq = ${seq}`.execute(db)
    : sql`update audit_log set at = ${source.at}, actor = ${source.actor}, action = ${source.action},
          object_type = ${source.object_type}, object_id = ${source.object_id},
          "before" = ${source.before}, "after" = ${source.after},
          prev_hash = ${source.prev_hash}, hash = ${source.hash}
          where seq = ${seq}`.execute(db);

/** The verdict naming row `seq`; the messages name it and give a reason containing these words. */
const breaksAt = (seq: number, reason: { zh: string; en: string }) => ({
  firstBadSeq: seq,
  zh: [`审计链在第 ${seq} 条记录处断开：`, reason.zh],
  en: [`the audit chain breaks at row ${seq}: `, reason.en],
});

const CASES: TamperCase[] = [
  {
    name: "(a) the `after` text of the saved figure is edited",
    tamper: async ({ db, seqOf }) => {
      await sql`update audit_log set "after" = replace("after", '132450', '132999') where seq = ${seqOf("value.set")}`.execute(
        db,
      );
    },
    expected: ({ seqOf }) => breaksAt(seqOf("value.set"), EDITED),
  },
  {
    name: "(a) the actor of the failed login is edited",
    tamper: async ({ db, seqOf }) => {
      await sql`update audit_log set actor = 'nobody' where seq = ${seqOf("auth.login_failed")}`.execute(
        db,
      );
    },
    expected: ({ seqOf }) => breaksAt(seqOf("auth.login_failed"), EDITED),
  },
  {
    name: "(a) the time of the work answer is moved",
    tamper: async ({ db, seqOf }) => {
      await sql`update audit_log set at = '2026-02-28T09:00:00.000Z' where seq = ${seqOf("work.set")}`.execute(
        db,
      );
    },
    expected: ({ seqOf }) => breaksAt(seqOf("work.set"), EDITED),
  },
  {
    name: "(a) a row is edited and its own hash recomputed: the next row no longer links to it",
    tamper: async (context) => {
      const seq = context.seqOf("value.set");
      const original = row(context, seq);
      const after = original.after!.replace("132450", "132999");
      const hash = chainHash(original.prev_hash, seq, {
        at: original.at,
        actor: original.actor,
        action: original.action,
        objectType: original.object_type,
        objectId: original.object_id,
        before: original.before,
        after,
      });
      await sql`update audit_log set "after" = ${after}, hash = ${hash} where seq = ${seq}`.execute(
        context.db,
      );
    },
    expected: ({ seqOf }) => breaksAt(seqOf("value.set") + 1, RELINKED),
  },
  {
    name: "(b) a row in the middle is deleted: the row after the gap is named",
    tamper: async ({ db, seqOf }) => {
      await sql`delete from audit_log where seq = ${seqOf("value.set")}`.execute(db);
    },
    expected: ({ seqOf }) => {
      const seq = seqOf("value.set");
      return breaksAt(seq + 1, {
        zh: `序号应为 ${seq}，实为 ${seq + 1}`,
        en: `expected seq ${seq}, found ${seq + 1}`,
      });
    },
  },
  {
    name: "(b) the first row is deleted",
    tamper: async ({ db }) => {
      await sql`delete from audit_log where seq = 1`.execute(db);
    },
    expected: () => breaksAt(2, { zh: "序号应为 1，实为 2", en: "expected seq 1, found 2" }),
  },
  {
    name: "(c) a forged row is inserted in the middle, later rows renumbered, linked and hashed correctly",
    tamper: async (context) => {
      const at = context.seqOf("value.set");
      const previous = row(context, at - 1);
      await shiftUp(context.db, at);
      await insertRow(context.db, forgedRow(at, previous.hash, previous.at));
      await sql`update audit_head set seq = seq + 1 where id = 1`.execute(context.db);
    },
    // The forged row itself is consistent with its predecessor; the break shows at the next one.
    expected: ({ seqOf }) => breaksAt(seqOf("value.set") + 1, RELINKED),
  },
  {
    name: "(c) a forged row with a made-up hash is inserted in the middle, later rows renumbered",
    tamper: async (context) => {
      const at = context.seqOf("work.set");
      const previous = row(context, at - 1);
      await shiftUp(context.db, at);
      await insertRow(context.db, {
        ...forgedRow(at, previous.hash, previous.at),
        hash: "f".repeat(64),
      });
    },
    expected: ({ seqOf }) => breaksAt(seqOf("work.set"), EDITED),
  },
  {
    name: "(c) a forged row is slipped in before the first one (seq 0)",
    tamper: async ({ db }) => {
      await insertRow(db, forgedRow(0, "0".repeat(64), "2026-03-01T00:00:00.000Z"));
    },
    expected: () =>
      breaksAt(0, { zh: "序号应为 1，实为 0", en: "expected seq 1, found 0 (a row was deleted" }),
  },
  {
    name: "(c) a forged row is appended after the last, linked and hashed correctly, audit_head untouched",
    tamper: async (context) => {
      const last = row(context, context.last);
      await insertRow(context.db, forgedRow(context.last + 1, last.hash, last.at));
    },
    // The forged row is the first one the head does not vouch for.
    expected: ({ last }) =>
      breaksAt(last + 1, {
        zh: `链尾应为第 ${last} 条，其后的第 ${last + 1}–${last + 1} 条是后加的`,
        en: `the chain should end at seq ${last}; rows ${last + 1}–${last + 1} were added after it`,
      }),
  },
  {
    name: "(d) two rows swap everything but their seqs: the earlier one is named",
    tamper: async (context) => {
      const [first, second] = [context.seqOf("value.set"), context.seqOf("auth.login_failed")];
      await overwrite(context.db, first, row(context, second));
      await overwrite(context.db, second, row(context, first));
    },
    expected: ({ seqOf }) => breaksAt(seqOf("value.set"), RELINKED),
  },
  {
    name: "(d) two neighbouring rows swap everything but their seqs",
    tamper: async (context) => {
      const [first, second] = [context.seqOf("value.set"), context.seqOf("work.set")];
      expect(second).toBe(first + 1);
      await overwrite(context.db, first, row(context, second));
      await overwrite(context.db, second, row(context, first));
    },
    expected: ({ seqOf }) => breaksAt(seqOf("value.set"), RELINKED),
  },
  {
    name: "(d) two rows swap their content but keep their seqs and hashes",
    tamper: async (context) => {
      const [first, second] = [context.seqOf("value.set"), context.seqOf("auth.login_failed")];
      await overwrite(context.db, first, row(context, second), true);
      await overwrite(context.db, second, row(context, first), true);
    },
    expected: ({ seqOf }) => breaksAt(seqOf("value.set"), EDITED),
  },
  {
    name: "(e) the last row (the failed login) is deleted, audit_head left as it was",
    tamper: async ({ db, last }) => {
      await sql`delete from audit_log where seq = ${last}`.execute(db);
    },
    expected: ({ last }) =>
      breaksAt(last, {
        zh: `链尾应为第 ${last} 条，实为第 ${last - 1} 条（末尾记录被删除或改动）`,
        en: `the chain should end at seq ${last} but ends at ${last - 1}`,
      }),
  },
  {
    name: "(e) audit_head's hash is altered",
    tamper: async ({ db }) => {
      await sql`update audit_head set hash = ${"e".repeat(64)} where id = 1`.execute(db);
    },
    expected: ({ last }) =>
      breaksAt(last, { zh: `链尾应为第 ${last} 条`, en: `the chain should end at seq ${last}` }),
  },
];

describe.each(DIALECTS)("audit chain tampering on %s", (dialect) => {
  let harness: Harness;
  let auditor: Client;

  const verify = async (lang?: "en"): Promise<Verdict> => {
    const response = await auditor.request({
      method: "GET",
      url: "/api/audit/verify",
      headers: lang ? { "accept-language": "en" } : {},
    });
    expect(response.statusCode).toBe(200);
    return response.json() as Verdict;
  };
  const head = () => harness.deps.repos.audit.head();

  beforeAll(async () => {
    harness = await startHarness(dialect);
    // Signing in appends a row, so the auditor signs in before anything is tampered with.
    auditor = await harness.as("auditor");
  });
  afterAll(() => harness.close());

  it("is intact right after seeding", async () => {
    const verdict = await verify();
    const { seq } = await head();
    expect(seq).toBeGreaterThan(30);
    expect(verdict).toEqual({
      intact: true,
      rows: seq,
      headSeq: seq,
      message: `审计链完整，共 ${seq} 条记录`,
    });
    expect((await verify("en")).message).toBe(`the audit chain is intact: ${seq} rows`);
  });

  it("is intact after normal writes, one row for each save and failed login", async () => {
    const clerk = await harness.as("edu-clerk");
    const before = await head();
    const saved = await clerk.put("/api/cycles/2025/values/PRIMARY_ENROLLED/HC", {
      value: 132_450,
      version: 1,
      note: "更正",
    });
    expect(saved.statusCode).toBe(200);
    const work = await clerk.put("/api/cycles/2025/work/W05", { awarded: { C1: 3, C2: 3 } });
    expect(work.statusCode).toBe(200);
    const stale = await clerk.put("/api/cycles/2025/values/PRIMARY_ENROLLED/HC", {
      value: 1,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    const failed = await harness.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "edu-head", password: "Wrong-Pass-2025!" },
    });
    expect(failed.statusCode).toBe(401);

    const appended = await harness.db.db
      .selectFrom("audit_log")
      .select(["seq", "action", "actor"])
      .where("seq", ">", before.seq)
      .orderBy("seq")
      .execute();
    expect(appended.map((entry) => [Number(entry.seq), entry.action, entry.actor])).toEqual([
      [before.seq + 1, "value.set", "edu-clerk"],
      [before.seq + 2, "work.set", "edu-clerk"],
      [before.seq + 3, "auth.login_failed", "edu-head"],
    ]);
    expect(await verify()).toMatchObject({ intact: true, rows: before.seq + 3 });
  });

  describe("after tampering", () => {
    let context: TamperContext;
    let savedHead: { seq: number; hash: string };

    beforeAll(async () => {
      const db = harness.db.db;
      const rows = await db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
      savedHead = await head();
      const seqOf = (action: string) => {
        const matches = rows.filter((entry) => entry.action === action);
        expect(matches, action).toHaveLength(1);
        return Number(matches[0]!.seq);
      };
      context = { db, rows, seqOf, last: savedHead.seq };
      expect(context.last).toBe(rows.length);
      expect(seqOf("auth.login_failed")).toBe(context.last);
    });

    afterEach(async () => {
      const db = harness.db.db;
      await db.deleteFrom("audit_log").execute();
      for (let i = 0; i < context.rows.length; i += 100) {
        await db
          .insertInto("audit_log")
          .values(context.rows.slice(i, i + 100))
          .execute();
      }
      await db
        .updateTable("audit_head")
        .set({ seq: savedHead.seq, hash: savedHead.hash })
        .where("id", "=", 1)
        .execute();
    });

    it.each(CASES)("$name", async ({ tamper, expected }) => {
      expect((await verify()).intact, "the log is intact before this case").toBe(true);
      await tamper(context);
      const want = expected(context);

      const zh = await verify();
      expect(zh).toMatchObject({ intact: false, firstBadSeq: want.firstBadSeq });
      for (const words of want.zh) expect(zh.message).toContain(words);
      const en = await verify("en");
      expect(en).toMatchObject({ intact: false, firstBadSeq: want.firstBadSeq });
      for (const words of want.en) expect(en.message).toContain(words);
    });
  });
});
