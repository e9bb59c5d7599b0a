import { createHash, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { sql, type Kysely } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_KEY_PURPOSE, chainHash, type AuditEntry } from "../../src/server/audit/audit-chain";
import { writeCheckpoint } from "../../src/server/audit/checkpoint-audit";
import { canonicalJson } from "../../src/server/audit/canonical-json";
import type { AuditLogTable, Database } from "../../src/server/db/schema";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

/**
 * Someone with write access to the database edits the audit log behind the server's
 * back; GET /api/audit/verify must say the chain is broken and list every row that no
 * longer holds, in Chinese by default and in English on request. Two kinds of
 * attacker: one with the database only (the usual case: a dump, a replica, a DBA), who
 * cannot compute the chain's HMAC; and one who also stole the key, whom only the
 * checkpoints written outside the database catch. Every case starts from the same
 * intact log, with a checkpoint at its last row, and puts both back afterwards.
 */

interface Verdict {
  intact: boolean;
  rows: number;
  headSeq: number;
  firstBadSeq?: number;
  failures: { seq: number; reason: string }[];
  failureCount: number;
  checkpoints: number;
  message: string;
}

interface TamperContext {
  db: Kysely<Database>;
  /** The key an attacker who stole it would use. */
  key: Buffer;
  /** The intact log, in seq order. */
  rows: AuditLogTable[];
  /** The seq of the only row with this action among the writes made for these tests. */
  seqOf(action: "value.set" | "work.set" | "auth.login_failed"): number;
  /** The newest seq (a checkpoint pins it). */
  last: number;
  checkpointFile: string;
}

interface Expected {
  /** Every seq the verdict must list, in order. */
  failing: number[];
  /** Words the first failure's reason must hold. */
  zh: string;
  en: string;
}

interface TamperCase {
  name: string;
  tamper(context: TamperContext): Promise<void>;
  expected(context: TamperContext): Expected;
}

const EDITED = { zh: "记录内容与其校验码不符（记录被修改）", en: "(the row was edited)" };
const RELINKED = { zh: "前一条记录的哈希不符", en: "prev_hash does not match the previous row" };

const row = (context: TamperContext, seq: number) =>
  context.rows.find((candidate) => Number(candidate.seq) === seq)!;
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index);
const entryOf = (stored: AuditLogTable): AuditEntry => ({
  at: stored.at,
  actor: stored.actor,
  action: stored.action,
  objectType: stored.object_type,
  objectId: stored.object_id,
  before: stored.before,
  after: stored.after,
});

/** The chain as it was before it was keyed: plain SM3, which anyone can compute. */
function plainSm3(prevHash: string, seq: number, entry: AuditEntry): string {
  const content = canonicalJson({ seq, ...entry });
  return createHash("sm3").update(`${prevHash}\n${content}`).digest("hex");
}

/** Moves rows seq ≥ from up by one, through negative numbers so no two rows ever share a seq. */
async function shiftUp(db: Kysely<Database>, from: number) {
  await sql`update audit_log set seq = -seq - 1 where seq >= ${from}`.execute(db);
  await sql`update audit_log set seq = -seq where seq < 0`.execute(db);
}

/** A row an attacker would write: plausible content, linked to `prevHash`, hashed under `key`. */
function forgedRow(seq: number, prevHash: string, at: string, key: Buffer): AuditLogTable {
  const entry: AuditEntry = {
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
    hash: chainHash(key, prevHash, seq, entry),
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

/**
 * Edits the `after` of row `from`, then recomputes every later hash with `hash` and moves
 * the head: what an attacker does to make an edit look like it was always there.
 */
async function rewriteFrom(
  context: TamperContext,
  from: number,
  hash: (prevHash: string, seq: number, entry: AuditEntry) => string,
) {
  let prevHash = row(context, from - 1).hash;
  for (const seq of range(from, context.last)) {
    const original = row(context, seq);
    const entry = entryOf(original);
    if (seq === from) entry.after = original.after!.replace("132450", "132999");
    const rewritten = hash(prevHash, seq, entry);
    await sql`update audit_log set "after" = ${entry.after}, prev_hash = ${prevHash}, hash = ${rewritten}
              where seq = ${seq}`.execute(context.db);
    prevHash = rewritten;
  }
  await sql`update audit_head set hash = ${prevHash} where id = 1`.execute(context.db);
}

const fails = (failing: number[], reason: { zh: string; en: string }): Expected => ({
  failing,
  ...reason,
});

const CASES: TamperCase[] = [
  {
    name: "(a) the `after` text of the saved figure is edited",
    tamper: async ({ db, seqOf }) => {
      await sql`update audit_log set "after" = replace("after", '132450', '132999') where seq = ${seqOf("value.set")}`.execute(
        db,
      );
    },
    expected: ({ seqOf }) => fails([seqOf("value.set")], EDITED),
  },
  {
    name: "(a) the actor of the failed login is edited",
    tamper: async ({ db, seqOf }) => {
      await sql`update audit_log set actor = 'nobody' where seq = ${seqOf("auth.login_failed")}`.execute(
        db,
      );
    },
    expected: ({ seqOf }) => fails([seqOf("auth.login_failed")], EDITED),
  },
  {
    name: "(a) the time of the work answer is moved",
    tamper: async ({ db, seqOf }) => {
      await sql`update audit_log set at = '2026-02-28T09:00:00.000Z' where seq = ${seqOf("work.set")}`.execute(
        db,
      );
    },
    expected: ({ seqOf }) => fails([seqOf("work.set")], EDITED),
  },
  {
    name: "(a) two rows far apart are edited: both are listed",
    tamper: async ({ db, seqOf }) => {
      await sql`update audit_log set actor = 'nobody' where seq in (${3}, ${seqOf("work.set")})`.execute(
        db,
      );
    },
    expected: ({ seqOf }) => fails([3, seqOf("work.set")], EDITED),
  },
  {
    name: "(a) a row is edited and its hash recomputed without the key: it and the next row fail",
    tamper: async (context) => {
      const seq = context.seqOf("value.set");
      const original = row(context, seq);
      const entry = { ...entryOf(original), after: original.after!.replace("132450", "132999") };
      const hash = plainSm3(original.prev_hash, seq, entry);
      await sql`update audit_log set "after" = ${entry.after}, hash = ${hash} where seq = ${seq}`.execute(
        context.db,
      );
    },
    expected: ({ seqOf }) => fails([seqOf("value.set"), seqOf("value.set") + 1], EDITED),
  },
  {
    name: "(a) a row is edited and every later hash recomputed with plain SM3, head moved: every one fails",
    tamper: (context) => rewriteFrom(context, context.seqOf("value.set"), plainSm3),
    expected: ({ seqOf, last }) => fails(range(seqOf("value.set"), last), EDITED),
  },
  {
    name: "(a) with the stolen key, a row is edited and every later hash recomputed: the checkpoint catches it",
    tamper: (context) =>
      rewriteFrom(context, context.seqOf("value.set"), (prevHash, seq, entry) =>
        chainHash(context.key, prevHash, seq, entry),
      ),
    expected: ({ last }) =>
      fails([last], {
        zh: "检查点不符（检查点之前的记录被改写）",
        en: "(rows behind it were rewritten)",
      }),
  },
  {
    name: "(b) a row in the middle is deleted: the row after the gap is named",
    tamper: async ({ db, seqOf }) => {
      await sql`delete from audit_log where seq = ${seqOf("value.set")}`.execute(db);
    },
    expected: ({ seqOf }) => {
      const seq = seqOf("value.set");
      return fails([seq + 1], {
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
    expected: () => fails([2], { zh: "序号应为 1，实为 2", en: "expected seq 1, found 2" }),
  },
  {
    name: "(b) the last rows are deleted and the head moved back: the checkpoint catches the truncation",
    tamper: async (context) => {
      const keep = context.seqOf("value.set") - 1;
      await sql`delete from audit_log where seq > ${keep}`.execute(context.db);
      await sql`update audit_head set seq = ${keep}, hash = ${row(context, keep).hash} where id = 1`.execute(
        context.db,
      );
    },
    expected: ({ seqOf, last }) =>
      fails([seqOf("value.set")], {
        zh: `检查点记载审计链已到第 ${last} 条，库中只到第 ${seqOf("value.set") - 1} 条（记录被截断）`,
        en: "(rows were truncated)",
      }),
  },
  {
    name: "(c) a row forged with a guessed key is inserted in the middle, later rows renumbered: every moved row fails",
    tamper: async (context) => {
      const at = context.seqOf("value.set");
      const previous = row(context, at - 1);
      await shiftUp(context.db, at);
      await insertRow(context.db, forgedRow(at, previous.hash, previous.at, randomBytes(32)));
      await sql`update audit_head set seq = seq + 1 where id = 1`.execute(context.db);
    },
    expected: ({ seqOf, last }) => fails(range(seqOf("value.set"), last + 1), EDITED),
  },
  {
    name: "(c) a forged row is slipped in before the first one (seq 0)",
    tamper: async ({ db }) => {
      await insertRow(
        db,
        forgedRow(0, "0".repeat(64), "2026-03-01T00:00:00.000Z", randomBytes(32)),
      );
    },
    expected: () =>
      fails([0, 1], { zh: "序号应为 1，实为 0", en: "expected seq 1, found 0 (a row was deleted" }),
  },
  {
    name: "(c) a forged row is appended after the last, audit_head untouched",
    tamper: async (context) => {
      const last = row(context, context.last);
      await insertRow(context.db, forgedRow(context.last + 1, last.hash, last.at, randomBytes(32)));
    },
    expected: ({ last }) => fails([last + 1, last + 1], EDITED),
  },
  {
    name: "(d) two neighbouring rows swap everything but their seqs",
    tamper: async (context) => {
      const [first, second] = [context.seqOf("value.set"), context.seqOf("work.set")];
      expect(second).toBe(first + 1);
      await overwrite(context.db, first, row(context, second));
      await overwrite(context.db, second, row(context, first));
    },
    expected: ({ seqOf }) => {
      const first = seqOf("value.set");
      return fails([first, first + 1, first + 2], RELINKED);
    },
  },
  {
    name: "(d) two rows swap their content but keep their seqs and hashes",
    tamper: async (context) => {
      const [first, second] = [context.seqOf("value.set"), context.seqOf("auth.login_failed")];
      await overwrite(context.db, first, row(context, second), true);
      await overwrite(context.db, second, row(context, first), true);
    },
    expected: ({ seqOf }) => fails([seqOf("value.set"), seqOf("auth.login_failed")], EDITED),
  },
  {
    name: "(e) the last row (the failed login) is deleted, audit_head left as it was",
    tamper: async ({ db, last }) => {
      await sql`delete from audit_log where seq = ${last}`.execute(db);
    },
    expected: ({ last }) =>
      fails([last, last], {
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
      fails([last], { zh: `链尾应为第 ${last} 条`, en: `the chain should end at seq ${last}` }),
  },
  {
    name: "(f) a line of the checkpoint file is edited",
    tamper: async ({ checkpointFile }) => {
      const text = readFileSync(checkpointFile, "utf8");
      writeFileSync(
        checkpointFile,
        text.replace(/"seq":(\d+)/, (_, seq) => `"seq":${Number(seq) + 1}`),
      );
    },
    expected: ({ last }) =>
      fails([last + 1], { zh: "检查点被改动或伪造", en: "(the checkpoint was edited or forged)" }),
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
      failures: [],
      failureCount: 0,
      checkpoints: 0,
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
    const cycle = await harness.deps.repos.cycles.byYear(2025);
    const answered = await harness.deps.repos.work.one(cycle!.id, "W05");
    const work = await clerk.put("/api/cycles/2025/work/W05", {
      awarded: { C1: 3, C2: 3 },
      version: answered?.version ?? 0,
    });
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
    let savedCheckpoints: string;

    beforeAll(async () => {
      const db = harness.db.db;
      const rows = await db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
      savedHead = await head();
      const seqOf = (action: string) => {
        const matches = rows.filter((entry) => entry.action === action);
        expect(matches, action).toHaveLength(1);
        return Number(matches[0]!.seq);
      };
      const checkpointFile = harness.deps.checkpoints.file;
      expect(await writeCheckpoint(harness.deps)).toMatchObject({
        seq: savedHead.seq,
        written: true,
      });
      savedCheckpoints = readFileSync(checkpointFile, "utf8");
      const key = harness.deps.secrets.derive(AUDIT_KEY_PURPOSE);
      context = { db, key, rows, seqOf, last: savedHead.seq, checkpointFile };
      expect(context.last).toBe(rows.length);
      expect(seqOf("auth.login_failed")).toBe(context.last);
      expect(await verify()).toMatchObject({ intact: true, checkpoints: 1 });
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
      writeFileSync(context.checkpointFile, savedCheckpoints);
    });

    it("cannot see a tail truncation that no checkpoint covers: why the server writes them", async () => {
      const keep = context.seqOf("value.set") - 1;
      writeFileSync(context.checkpointFile, "");
      await sql`delete from audit_log where seq > ${keep}`.execute(context.db);
      await sql`update audit_head set seq = ${keep}, hash = ${row(context, keep).hash} where id = 1`.execute(
        context.db,
      );
      expect(await verify()).toMatchObject({ intact: true, rows: keep, checkpoints: 0 });
    });

    it.each(CASES)("$name", async ({ tamper, expected }) => {
      expect((await verify()).intact, "the log is intact before this case").toBe(true);
      await tamper(context);
      const want = expected(context);

      const [first] = want.failing;
      const zh = await verify();
      expect(zh).toMatchObject({ intact: false, firstBadSeq: first });
      expect(zh.failures.map((failure) => failure.seq)).toEqual(want.failing);
      expect(zh.failureCount).toBe(want.failing.length);
      expect(zh.failures[0]!.reason).toContain(want.zh);
      expect(zh.message).toContain(`审计链在第 ${first} 条记录处断开：${zh.failures[0]!.reason}`);
      expect(zh.message).toContain(`共 ${want.failing.length} 处不符`);
      const en = await verify("en");
      expect(en).toMatchObject({ intact: false, firstBadSeq: first });
      expect(en.failures.map((failure) => failure.seq)).toEqual(want.failing);
      expect(en.failures[0]!.reason).toContain(want.en);
      expect(en.message).toContain(`the audit chain breaks at row ${first}: `);
    });
  });
});
