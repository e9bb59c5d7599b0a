import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/server/audit/canonical-json";
import { buildZip, officePackage, zerosDeflated } from "../support/zip-builder";
import {
  DIALECTS,
  TEST_PASSWORD,
  startHarness,
  type Client,
  type Harness,
} from "../support/server-harness";

/**
 * The six holes found by trying the server as an attacker would, each replayed exactly
 * as it was found. Every test here failed on the server as it was before the hardening;
 * each guards one promise the fix made. Broader coverage of each area lives beside it
 * (hostile-text, numbers, login-*, audit-tamper, evidence tests).
 */

const YEAR = "/api/cycles/2025";

/** Every number in a JSON value, wherever it sits. */
function numbersIn(value: unknown, found: number[] = []): number[] {
  if (typeof value === "number") found.push(value);
  else if (value && typeof value === "object")
    for (const item of Object.values(value)) numbersIn(item, found);
  return found;
}

/** A multipart upload of one file to an indicator, as a browser sends it. */
function evidenceUpload(name: string, content: Buffer): InjectOptions {
  const boundary = "----kaoping-finding";
  return {
    method: "POST",
    url: `${YEAR}/evidence`,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="targetKind"\r\n\r\nindicator\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="targetCode"\r\n\r\nEDU01\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(name)}\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe.each(DIALECTS)("the six findings of the attack on %s", (dialect) => {
  let harness: Harness;
  let auditor: Client;
  let office: Client;

  /** A sign-in from a browser that never signed in before, at `address`. */
  const login = (
    username: string,
    password: string,
    address: string,
  ): Promise<LightMyRequestResponse> =>
    harness.app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: address,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ username, password }),
    });
  /** Runs `tamper`, then puts the audit log, its head and the checkpoints back as they were. */
  async function thenRestore(tamper: () => Promise<void>) {
    const db = harness.db.db;
    const rows = await db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
    const head = await harness.deps.repos.audit.head();
    try {
      await tamper();
    } finally {
      await db.deleteFrom("audit_log").execute();
      for (let i = 0; i < rows.length; i += 100) {
        await db
          .insertInto("audit_log")
          .values(rows.slice(i, i + 100))
          .execute();
      }
      await db.updateTable("audit_head").set(head).where("id", "=", 1).execute();
    }
  }
  const verify = async () => (await auditor.get("/api/audit/verify")).json();

  beforeAll(async () => {
    harness = await startHarness(dialect);
    auditor = await harness.as("auditor");
    office = await harness.as("office");
  });
  afterAll(() => harness.close());

  it('1. a sign-in as "ghost\\ud800" answers 401 and the audit chain still verifies', async () => {
    const response = await harness.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: '{"username":"ghost\\ud800","password":"x"}',
    });
    expect(response.statusCode).toBe(401);
    expect(await verify()).toMatchObject({ intact: true });
  });

  it("2. after a clerk saves 1e200, the score still answers 200 with finite numbers", async () => {
    const clerk = await harness.as("edu-clerk");
    const saved = await clerk.put(`${YEAR}/values/PRIMARY_ENROLLED/HC`, {
      value: 1e200,
      version: 1,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    for (const reader of [office, await harness.as("leader")]) {
      const score = await reader.get(`${YEAR}/score`);
      expect(score.statusCode, score.body.slice(0, 200)).toBe(200);
      expect(numbersIn(score.json()).every(Number.isFinite)).toBe(true);
    }
  });

  it("3. twenty wrong passwords sent at once all count: the right one is refused after", async () => {
    const wrong = await Promise.all(
      Array.from({ length: 20 }, () => login("health-head", "Wrong-Pass-2025!", "203.0.113.3")),
    );
    expect(wrong.map((response) => response.statusCode)).toEqual(Array(20).fill(401));
    expect((await login("health-head", TEST_PASSWORD, "198.51.100.3")).statusCode).toBe(401);
  });

  it("4. a locked account, an unknown user and a wrong password get the same answer", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      await login("culture-head", "Wrong-Pass-2025!", "203.0.113.4");
    }
    const locked = await login("culture-head", TEST_PASSWORD, "198.51.100.41");
    const unknown = await login("no-such-user", "Wrong-Pass-2025!", "198.51.100.42");
    const wrongPassword = await login("transport-head", "Wrong-Pass-2025!", "198.51.100.43");
    for (const response of [locked, unknown, wrongPassword]) {
      expect(response.statusCode).toBe(401);
      expect(response.body).toBe(unknown.body);
    }
  });

  it("5a. deleting the last audit rows and moving the head back is caught by a checkpoint", async () => {
    const checkpoint = await office.post("/api/audit/checkpoints");
    expect(checkpoint.statusCode).toBe(200);
    expect(await verify()).toMatchObject({ intact: true });
    await thenRestore(async () => {
      const db = harness.db.db;
      const keep = (await harness.deps.repos.audit.head()).seq - 3;
      const kept = await db
        .selectFrom("audit_log")
        .select("hash")
        .where("seq", "=", keep)
        .executeTakeFirstOrThrow();
      await sql`delete from audit_log where seq > ${keep}`.execute(db);
      await sql`update audit_head set seq = ${keep}, hash = ${kept.hash} where id = 1`.execute(db);
      expect(await verify()).toMatchObject({ intact: false });
    });
  });

  it("5b. editing a row and recomputing every later SM3 hash is caught, with no checkpoint", async () => {
    // The key alone must catch this one: no checkpoint to lean on.
    writeFileSync(harness.deps.checkpoints.file, "");
    expect(await verify()).toMatchObject({ intact: true });
    await thenRestore(() => recomputeFromPlainSm3());
  });

  async function recomputeFromPlainSm3() {
    const db = harness.db.db;
    const rows = await db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
    const from = rows.length - 5;
    let prevHash = rows[from - 1]!.hash;
    for (const row of rows.slice(from)) {
      const actor = Number(row.seq) === from + 1 ? "someone-else" : row.actor;
      const content = canonicalJson({
        seq: Number(row.seq),
        at: row.at,
        actor,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        before: row.before,
        after: row.after,
      });
      const hash = createHash("sm3").update(`${prevHash}\n${content}`).digest("hex");
      await sql`update audit_log set actor = ${actor}, prev_hash = ${prevHash}, hash = ${hash} where seq = ${row.seq}`.execute(
        db,
      );
      prevHash = hash;
    }
    await sql`update audit_head set hash = ${prevHash} where id = 1`.execute(db);
    const verdict = await verify();
    expect(verdict).toMatchObject({ intact: false });
  }

  it("6. a .docx with a renamed macro part, a .zip holding an .exe, and a zip bomb are refused", async () => {
    const clerk = await harness.as("edu-clerk");
    const hostile: [string, Buffer][] = [
      [
        "报告.docx",
        officePackage("word", {
          overrides: { "/word/a.dat": "application/vnd.ms-office.vbaProject" },
          extra: [{ name: "word/a.dat", content: "\0" }],
        }),
      ],
      ["材料.zip", buildZip([{ name: "setup.exe", content: "MZ\x90\0\x03\0\0\0" }])],
      ["材料.zip", buildZip([{ name: "数据.csv", data: zerosDeflated(64), declaredSize: 1024 }])],
    ];
    for (const [name, content] of hostile) {
      const response = await clerk.request(evidenceUpload(name, content));
      expect(response.statusCode, `${name}: ${response.body}`).toBe(415);
    }
  });
});
